using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>What one header pass knows beyond the file it edits.</summary>
public sealed record HeaderContext
{
    /// <summary>
    /// The header as read, before pixel cleaning or any header action: every function reads it, so results never feed
    /// one another (CTP reads its input dataset the same way). Null: the file's own dataset is copied first.
    /// </summary>
    public DicomDataset? Original { get; init; }

    /// <summary>Pixels were cleaned in this pass: the marks add 113101 (Clean Pixel Data) and Burned In Annotation NO.</summary>
    public bool PixelsCleaned { get; init; }

    /// <summary>Parameters for this file on top of those the anonymizer was built with (library callers).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>The input, for messages.</summary>
    public string? SourcePath { get; init; }
}
