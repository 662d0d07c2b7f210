namespace PixelScrub.Bench;

/// <summary>Finds ../shared beside the repository root (the corpus).</summary>
internal static class SharedPaths
{
    public static string Corpus
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PixelScrub.slnx")))
                {
                    var c = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                    if (Directory.Exists(c)) return c;
                }
            }

            throw new DirectoryNotFoundException("../shared/corpus not found beside the repository root");
        }
    }
}
