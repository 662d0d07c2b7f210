namespace PixelScrub.Network.Upper;

/// <summary>
/// User Identity negotiation (PS3.7 D.3.3.7, sub-item 0x58): type 1 username, 2 username and passcode, 3 Kerberos,
/// 4 SAML, 5 JWT; the primary field (username or token) and the secondary field (passcode, type 2 only).
/// </summary>
internal sealed record UserIdentity(byte Type, bool ResponseRequested, byte[] Primary, byte[] Secondary);
