namespace PixelScrub.Imaging;

/// <summary>
/// What turns one frame's stored values into display values (PS3.3 C.11, PS3.14 basics): the modality
/// transform, the VOI transform and, for PALETTE COLOR, the palette. Built per frame by the caller (per-frame
/// functional groups can give each frame its own values); an instance with no values renders with identity
/// modality and a min-max window.
/// </summary>
public sealed record RenderParameters
{
    public static readonly RenderParameters Default = new();

    /// <summary>Rescale Slope (0028,1053); ignored when <see cref="ModalityLut"/> is set.</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Rescale Intercept (0028,1052); ignored when <see cref="ModalityLut"/> is set.</summary>
    public double RescaleIntercept { get; init; }

    /// <summary>The Modality LUT Sequence (0028,3000) table, when present.</summary>
    public LookupTable? ModalityLut { get; init; }

    /// <summary>Window Center / Width pairs (0028,1050 / 0028,1051), in file order.</summary>
    public IReadOnlyList<VoiWindow> Windows { get; init; } = [];

    /// <summary>VOI LUT Function (0028,1056) for the windows.</summary>
    public VoiFunction VoiFunction { get; init; } = VoiFunction.Linear;

    /// <summary>Tables of the VOI LUT Sequence (0028,3010), in file order.</summary>
    public IReadOnlyList<LookupTable> VoiLuts { get; init; } = [];

    /// <summary>Which VOI transform to apply.</summary>
    public VoiSelection Voi { get; init; } = VoiSelection.Auto;

    /// <summary>Zero-based index of the window or VOI LUT to use.</summary>
    public int VoiIndex { get; init; }

    /// <summary>Red, green and blue Palette Color Lookup Tables (PALETTE COLOR only).</summary>
    public LookupTable? RedPalette { get; init; }

    public LookupTable? GreenPalette { get; init; }

    public LookupTable? BluePalette { get; init; }
}
