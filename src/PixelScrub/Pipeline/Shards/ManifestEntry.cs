namespace PixelScrub.Pipeline.Shards;

/// <summary>One file of a manifest: its path relative to the root (raw bytes), its size when listed, and its line.</summary>
internal sealed record ManifestEntry(byte[] Relative, long Size, int Line);
