namespace PixelScrub.Text;

/// <summary>
/// What `scan` reports for one file: whether it was read (and why: the triage reason, or why not), the frames read,
/// every judged line, and an error when it could not be read.
/// </summary>
public sealed record FileTextScan(string File, bool Read, string Triage, int Frames, IReadOnlyList<TextFindingRow> Text, string? Error = null)
{
    public int PhiLines => Text.Count(t => t.Verdict == "phi");
}
