using PixelScrub.Network.Dimse;

namespace PixelScrub.Network.Upper;

/// <summary>A DIMSE message received whole: its command, the presentation context it came on, and whether a data set followed.</summary>
internal sealed record DimseMessage(CommandSet Command, byte ContextId, bool HadDataSet);
