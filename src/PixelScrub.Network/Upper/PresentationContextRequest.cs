namespace PixelScrub.Network.Upper;

/// <summary>A proposed presentation context (PS3.8 9.3.2.2): an odd ID, one abstract syntax, the transfer syntaxes offered.</summary>
internal sealed record PresentationContextRequest(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
