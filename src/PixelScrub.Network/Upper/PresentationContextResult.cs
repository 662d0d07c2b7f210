namespace PixelScrub.Network.Upper;

/// <summary>
/// The acceptor's answer for one presentation context (PS3.8 9.3.3.2): result 0 acceptance, 1 user rejection, 2 no reason,
/// 3 abstract syntax not supported, 4 transfer syntaxes not supported; the transfer syntax chosen when accepted.
/// </summary>
internal sealed record PresentationContextResult(byte Id, byte Result, string TransferSyntax)
{
    public const byte Acceptance = 0;
    public const byte UserRejection = 1;
    public const byte AbstractSyntaxNotSupported = 3;
    public const byte TransferSyntaxesNotSupported = 4;

    public bool Accepted => Result == Acceptance;
}
