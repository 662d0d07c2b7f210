namespace PixelScrub.Cleaning;

/// <summary>What happens to the Icon Image Sequence (0088,0200) of a cleaned file.</summary>
public enum IconPolicy
{
    /// <summary>Removed wherever it appears (default): an icon is a small copy of the uncleaned image.</summary>
    Remove,

    /// <summary>Rebuilt from the cleaned pixels.</summary>
    Regenerate,
}

/// <summary>What happens to overlay planes (60xx) of a cleaned file.</summary>
public enum OverlayPolicy
{
    /// <summary>Every overlay plane and its attributes are removed (default).</summary>
    Remove,

    /// <summary>The same regions are cleared in the overlay bit planes; the planes stay.</summary>
    Clean,
}

/// <summary>How JPEG blocks are redacted in the DCT domain (ARCHITECTURE.md, "fill").</summary>
public enum JpegRedaction
{
    /// <summary>DC to black (chroma neutral), AC dropped: follows <see cref="FillMode"/>.</summary>
    Fill,

    /// <summary>DC and AC kept only as the block mean (what CTP does); not a real removal: use only to compare.</summary>
    Blur,
}

/// <summary>Options for cleaning the pixels of one file.</summary>
public sealed record CleanOptions
{
    public FillMode Fill { get; init; } = FillMode.Black;
    public JpegRedaction Jpeg { get; init; } = JpegRedaction.Fill;
    public IconPolicy Icons { get; init; } = IconPolicy.Remove;
    public OverlayPolicy Overlays { get; init; } = OverlayPolicy.Remove;

    /// <summary>Set Burned In Annotation (0028,0301) to NO on cleaned files (CTP's option).</summary>
    public bool SetBurnedInAnnotation { get; init; }

    public static readonly CleanOptions Default = new();
}

/// <summary>What cleaning one file did.</summary>
public sealed record CleanResult(string Method, int Frames, long PixelsCleaned, IReadOnlyList<string> Notes);
