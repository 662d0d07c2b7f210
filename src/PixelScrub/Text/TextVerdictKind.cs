namespace PixelScrub.Text;

/// <summary>What the judge made of a line of text.</summary>
public enum TextVerdictKind
{
    /// <summary>Patient (or other identifying) information: it must be removed.</summary>
    Phi,

    /// <summary>A harmless annotation on the allow-list (settings, units, markers, scales): kept.</summary>
    Allowed,

    /// <summary>Neither: text that could not be judged (a scanned form, a word not on any list).</summary>
    Unknown,
}
