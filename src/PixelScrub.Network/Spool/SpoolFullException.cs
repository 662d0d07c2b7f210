namespace PixelScrub.Network.Spool;

/// <summary>The spool is at one of its bounds (objects held, free disk space): the C-STORE is answered Out of Resources.</summary>
internal sealed class SpoolFullException(string message) : IOException(message);
