namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// A private attribute the built-in profiles keep: identified by group, private creator and element byte
/// (PS3.5 7.8.1), with the VR its value must have. Only numeric or coded acquisition parameters qualify.
/// </summary>
internal sealed record SafePrivateAttribute(ushort Group, string Creator, byte Element, string VR, string Name);
