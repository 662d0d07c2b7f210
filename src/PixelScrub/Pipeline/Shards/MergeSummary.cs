namespace PixelScrub.Pipeline.Shards;

/// <summary>OUT.report.summary.json, written by `report merge`: the <see cref="MergeResult"/> as JSON.</summary>
internal sealed record MergeSummary(
    bool Complete, int Shards, int Rows, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<int> MissingShards,
    IReadOnlyList<string> IncompleteShards, int FilesWithoutRow, IReadOnlyList<string> FilesWithoutRowListed, IReadOnlyList<string> Problems,
    string? Manifest, IReadOnlyList<string> Notes)
{
    public MergeSummary(MergeResult r)
        : this(r.Complete, r.Shards, r.Rows, r.ByStatus, r.Missing, r.Incomplete, r.WithoutRow, r.WithoutRowListed, r.Problems, r.Manifest, r.Notes)
    {
    }
}
