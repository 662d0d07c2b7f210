using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>One enabled `&lt;e&gt;` of a script: the tag, the name the script gives, its code and where it is.</summary>
internal sealed record CtpElementRule(DicomTag Tag, string Name, string Text, IReadOnlyList<CtpNode> Code, int Line, int Column)
{
    /// <summary>Starts with @always(): inserted when missing.</summary>
    public bool Always => Code.Count > 0 && Code[0] is CtpCall { Name: "always" };

    /// <summary>Starts with @remove(): the only scripts that act on elements after the pixel data.</summary>
    public bool StartsWithRemove => Text.TrimStart().StartsWith("@remove()", StringComparison.Ordinal);
}
