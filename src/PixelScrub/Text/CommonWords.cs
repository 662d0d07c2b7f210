namespace PixelScrub.Text;

/// <summary>
/// Words (folded, see <see cref="TextFolding"/>) that a header value never matches approximately and that do not
/// identify an institution alone: the built-in <c>Text/Defaults/common-words.txt</c>.
/// </summary>
internal static class CommonWords
{
    public static HashSet<string> Default { get; } = Build();

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, entry) in TextListFile.Entries(TextListFile.BuiltIn("common-words.txt"))) set.Add(TextFolding.Skeleton(entry));
        return set;
    }
}
