namespace PixelScrub.Pipeline.Shards;

/// <summary>What `list` wrote: the manifest, the root its paths are relative to, and the counts.</summary>
public sealed record ManifestSummary(string Path, string Root, int Files, long Bytes, int Ignored);
