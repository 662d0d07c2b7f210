namespace PixelScrub.Pipeline;

/// <summary>An input file and the path under OUT (and the quarantine folder) that mirrors it.</summary>
public sealed record InputFile(string FullPath, string RelativePath)
{
    /// <summary>
    /// Expands files and folders (recursively, in a stable order). A single folder's contents mirror directly under OUT;
    /// with several inputs each keeps its own name as the first level. Paths under <paramref name="exclude"/> (the output
    /// and quarantine folders) and our own temp files are skipped.
    /// </summary>
    public static IEnumerable<InputFile> Enumerate(IReadOnlyList<string> inputs, IReadOnlyList<string> exclude)
    {
        var excluded = exclude.Select(e => Path.GetFullPath(e).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToArray();
        bool several = inputs.Count > 1;
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                yield return new InputFile(full, Path.GetFileName(full));
                continue;
            }

            if (!Directory.Exists(full)) throw new FileNotFoundException($"input not found: {input}", input);
            var prefix = several ? Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) : "";
            var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })
                .Where(f => !excluded.Any(x => f.StartsWith(x, StringComparison.Ordinal)))
                .Where(f => !Path.GetFileName(f).StartsWith(Dicom.IO.AtomicFile.TempPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var f in files)
            {
                var rel = Path.GetRelativePath(full, f);
                yield return new InputFile(f, prefix.Length > 0 ? Path.Combine(prefix, rel) : rel);
            }
        }
    }
}
