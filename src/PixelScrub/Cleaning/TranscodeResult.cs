using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>What <c>Transcoder.Transcode</c> did to one file: the syntaxes before and after, and notes for the report.</summary>
public sealed record TranscodeResult(bool Changed, TransferSyntax From, TransferSyntax To, int Frames, IReadOnlyList<string> Notes)
{
    /// <summary>Short form for the report's method column, e.g. "transcode:JPEG Baseline (Process 1) -> Explicit VR Little Endian".</summary>
    public string Method => $"transcode:{From.Name} -> {To.Name}";
}
