using System.Text.RegularExpressions;

namespace PixelScrub.Deidentification.Deid;

/// <summary>A parsed field expression: what kind, its text, and the compiled pattern or tag it stands for.</summary>
internal sealed record DeidSelector(DeidSelectorKind Kind, string Text)
{
    /// <summary>For the regular-expression kinds: the pattern as deid builds it (lower-cased, anchored for starts/ends).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>For a tag number, or a keyword the dictionary knows: the tag.</summary>
    public uint? Tag { get; init; }

    /// <summary>For <see cref="DeidSelectorKind.PrivateCreator"/>: group, creator and element byte.</summary>
    public ushort Group { get; init; }
    public string Creator { get; init; } = "";
    public byte Element { get; init; }

    /// <summary>For values: and fields: the list's name.</summary>
    public string ListName { get; init; } = "";

    public override string ToString() => Text;
}
