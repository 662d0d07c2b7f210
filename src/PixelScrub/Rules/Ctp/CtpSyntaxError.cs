namespace PixelScrub.Rules.Ctp;

/// <summary>Unwinds a CTP parse after its diagnostic is recorded; never leaves the parser.</summary>
internal sealed class CtpSyntaxError : Exception
{
}
