using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>A parsed CTP DicomAnonymizer script: parameters, element scripts, keep and remove switches.</summary>
internal sealed class CtpAnonymizerScript
{
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required IReadOnlyDictionary<uint, CtpElementRule> Elements { get; init; }

    /// <summary>`&lt;k t="gggg"&gt;`: groups kept against the remove switches.</summary>
    public required IReadOnlySet<ushort> KeepGroups { get; init; }

    public bool KeepSafePrivateElements { get; init; }
    public bool RemovePrivateGroups { get; init; }
    public bool RemoveUnspecifiedElements { get; init; }
    public bool RemoveOverlays { get; init; }
    public bool RemoveCurves { get; init; }

    public CtpElementRule? RuleFor(DicomTag tag) => Elements.TryGetValue(tag.Value, out var r) ? r : null;
}
