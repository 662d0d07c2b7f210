using System.Text;
using PixelScrub.Pipeline.Sources;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline;

/// <summary>Where a batch writes: the folders each input may go to, and the run's own files that inputs must not hit.</summary>
/// <param name="Output">OUT: a passed or cleaned file goes to OUT/RELATIVE.</param>
/// <param name="Quarantine">A file to review or that failed goes to QUARANTINE/RELATIVE, its sidecar to QUARANTINE/RELATIVE.json.</param>
/// <param name="Previews">With previews, PREVIEWS/RELATIVE.compare.png; null without.</param>
/// <param name="Own">The run's own files (the report, a shard's state file), by what they are.</param>
internal sealed record OutputTargets(string Output, string Quarantine, string? Previews, IReadOnlyList<(string What, string Path)> Own)
{
    /// <summary>The target folders: the output, the quarantine and, with previews, the previews folder.</summary>
    public string[] Roots => [Output, Quarantine, .. Previews is { } p ? new[] { p } : []];

    /// <summary>The targets of a `clean` run.</summary>
    public static OutputTargets Of(BatchOptions options)
    {
        var own = new List<(string, string)> { ("the report", Path.GetFullPath(options.ResolvedReport)) };
        if (options.ShardStatePath is { } state) own.Add(("the shard state file", Path.GetFullPath(state)));
        return new OutputTargets(Path.GetFullPath(options.OutputDirectory), Path.GetFullPath(options.ResolvedQuarantine),
            options.Previews ? Path.GetFullPath(options.ResolvedPreviews) : null, own);
    }
}

/// <summary>
/// Checks, before any file is touched, that no two inputs may be written to one path, in any place an input can go: the
/// output, the quarantine copy, its sidecar (an input "X" quarantined writes "X.json", which is where an input named
/// "X.json" goes), the preview. A path that one input writes as a file and another needs as a folder clashes too, and so
/// does a path of the run's own files (the report inside OUT). Names beginning ".pixelscrub-" are refused: the ledger,
/// the lock and temp files use them (a sweep deletes leftover temp files). On a file system that ignores case (probed
/// only when two names differ in case alone) "A.dcm" and "a.dcm" are one name.
/// </summary>
internal static class OutputNames
{
    /// <summary>The prefix of every file pixelscrub keeps in OUT (ledger, lock) and of its temp files.</summary>
    public const string ReservedPrefix = ".pixelscrub-";

    private const string SidecarSuffix = ".json";
    private const string PreviewSuffix = ".compare.png";

    private sealed record Claim(int Owner, string Path, string Suffix, string Role);

    private sealed record Clash(Claim A, Claim B, bool FileAndFolder);

    /// <summary>
    /// Refuses (<see cref="BatchSetupException"/>, one line naming the inputs and how to keep them apart) when two inputs,
    /// or an input and one of the run's own files, would be written to the same path.
    /// </summary>
    /// <param name="ignoreCase">Whether the output file systems ignore case; null: probe them when it matters.</param>
    public static void Check(IReadOnlyList<InputFile> files, OutputLayout layout, OutputTargets targets, bool? ignoreCase)
    {
        var inputs = files.Where(f => f.NotRead is null).ToList();
        foreach (var f in inputs)
        {
            // Most paths hold no reserved name at all: only those that do are split into their parts (no array per input).
            if (!f.RelativePath.Contains(ReservedPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var part = f.RelativePath.Split('/', '\\').FirstOrDefault(p => p.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase));
            if (part is null) continue;
            throw new BatchSetupException(
                $"the input {f.FullPath} would be written as {Path.Combine(targets.Output, f.RelativePath)}, but names beginning \"{ReservedPrefix}\" " +
                $"are pixelscrub's own (\"{part}\": ledger, lock and temp files, which a run deletes or overwrites); is the input an earlier run's output? " +
                "Remove or rename that file; no layout keeps it apart");
        }

        // The usual case (the targets apart, none of the run's own files inside them) compares relative names only, so a
        // million inputs cost two sets of names they already have; otherwise every claimed path is compared whole.
        bool byName = Apart(targets);
        var claims = byName ? null : Claims(inputs, targets);
        (Clash?, int) Find(bool fold) => byName ? FindClashesByName(inputs, targets, fold) : FindClashes(claims!, fold);
        bool? folds = ignoreCase;
        bool Folds() => folds ??= IgnoresCase(targets.Roots);
        var (clash, count) = Find(fold: false);
        if (clash is not null) throw new BatchSetupException(Describe(clash, count, inputs, layout, targets, caseOnly: false, Folds()));

        // Names apart only by case: one name where the file system ignores case (probed only now that it matters).
        (clash, count) = Find(fold: true);
        if (clash is not null && Folds()) throw new BatchSetupException(Describe(clash, count, inputs, layout, targets, caseOnly: true, folds: true));
    }

    private static List<Claim> Claims(List<InputFile> inputs, OutputTargets targets)
    {
        var claims = new List<Claim>();
        for (int i = 0; i < targets.Own.Count; i++) claims.Add(new Claim(-1 - i, targets.Own[i].Path, "", targets.Own[i].What));
        for (int i = 0; i < inputs.Count; i++)
        {
            var rel = inputs[i].RelativePath;
            claims.Add(new Claim(i, Path.Combine(targets.Output, rel), "", "the output"));
            claims.Add(new Claim(i, Path.Combine(targets.Quarantine, rel), "", "the quarantined copy"));
            claims.Add(new Claim(i, Path.Combine(targets.Quarantine, rel) + SidecarSuffix, SidecarSuffix, "the quarantine sidecar"));
            if (targets.Previews is { } previews) claims.Add(new Claim(i, Path.Combine(previews, rel) + PreviewSuffix, PreviewSuffix, "the preview"));
        }

        return claims;
    }

    /// <summary>True when no target folder is another or lies in one, and no own file lies in a target.</summary>
    private static bool Apart(OutputTargets targets)
    {
        var roots = targets.Roots;
        for (int i = 0; i < roots.Length; i++)
        {
            var a = roots[i];
            for (int j = 0; j < roots.Length; j++)
            {
                // two targets, not two strings: the same folder given twice (even as one string) is not apart
                if (i != j && (Key(a, true) == Key(roots[j], true) || Ancestor(a, roots[j], fold: true))) return false;
            }

            if (targets.Own.Any(o => Key(o.Path, true) == Key(a, true) || Ancestor(a, o.Path, fold: true))) return false;
        }

        return true;
    }

    /// <summary>
    /// <see cref="FindClashes"/> for targets that are apart: by relative name. In OUT (and alike the quarantine copies) two
    /// inputs clash on one name, or when one's name is a folder the other needs; a quarantine sidecar NAME.json clashes
    /// with an input named NAME.json or a folder of that name; a preview NAME.compare.png only with a folder of that name.
    /// </summary>
    private static (Clash? First, int Count) FindClashesByName(List<InputFile> inputs, OutputTargets targets, bool fold)
    {
        // Names are compared by Key, as FindClashes compares whole paths: the same folding in both, whichever is used.
        var files = new Dictionary<string, int>(inputs.Count, StringComparer.Ordinal);
        var folders = new Dictionary<string, int>(StringComparer.Ordinal);
        Clash? first = null;
        int count = 0;
        Claim At(string root, int owner, string suffix, string role) => new(owner, Path.Combine(root, inputs[owner].RelativePath) + suffix, suffix, role);
        void Found(Claim a, Claim b, bool fileAndFolder)
        {
            first ??= new Clash(a, b, fileAndFolder);
            count++;
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            var rel = Key(inputs[i].RelativePath, fold);
            if (!files.TryAdd(rel, i)) Found(At(targets.Output, files[rel], "", "the output"), At(targets.Output, i, "", "the output"), false);
            if (folders.TryGetValue(rel, out var holder) && holder != i) Found(At(targets.Output, i, "", "the output"), At(targets.Output, holder, "", "the output"), true);
            for (int cut = LastSeparator(rel); cut > 0; cut = LastSeparator(rel.AsSpan(0, cut)))
            {
                var folder = rel[..cut];
                if (files.TryGetValue(folder, out var owner) && owner != i) Found(At(targets.Output, owner, "", "the output"), At(targets.Output, i, "", "the output"), true);
                if (!folders.TryAdd(folder, i)) break;
            }
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            var sidecar = Key(inputs[i].RelativePath + SidecarSuffix, fold);
            var claim = At(targets.Quarantine, i, SidecarSuffix, "the quarantine sidecar");
            if (files.TryGetValue(sidecar, out var j) && j != i) Found(claim, At(targets.Quarantine, j, "", "the quarantined copy"), false);
            if (folders.TryGetValue(sidecar, out j) && j != i) Found(claim, At(targets.Quarantine, j, "", "the quarantined copy"), true);
            if (targets.Previews is { } previews && folders.TryGetValue(Key(inputs[i].RelativePath + PreviewSuffix, fold), out j) && j != i)
            {
                Found(At(previews, i, PreviewSuffix, "the preview"), At(previews, j, PreviewSuffix, "the preview"), true);
            }
        }

        return (first, count);
    }

    private static int LastSeparator(ReadOnlySpan<char> path) => path.LastIndexOfAny('/', Path.DirectorySeparatorChar);

    /// <summary>The first clash (same path, or one's file is the other's folder) between different owners, and how many there are.</summary>
    private static (Clash? First, int Count) FindClashes(List<Claim> claims, bool fold)
    {
        var files = new Dictionary<string, Claim>(StringComparer.Ordinal);
        var folders = new Dictionary<string, Claim>(StringComparer.Ordinal);
        Clash? first = null;
        int count = 0;
        void Found(Claim a, Claim b, bool fileAndFolder)
        {
            first ??= new Clash(a, b, fileAndFolder);
            count++;
        }

        foreach (var c in claims)
        {
            var key = Key(c.Path, fold);
            if (files.TryGetValue(key, out var other) && other.Owner != c.Owner) Found(other, c, false);
            else files.TryAdd(key, c);
            if (folders.TryGetValue(key, out other) && other.Owner != c.Owner) Found(other, c, true);

            // Every folder the claim needs: a file claimed there by another owner clashes (inputs' files lie below the targets).
            for (var dir = Path.GetDirectoryName(c.Path); dir is not null && dir.Length > 1; dir = Path.GetDirectoryName(dir))
            {
                var dirKey = Key(dir, fold);
                if (files.TryGetValue(dirKey, out other) && other.Owner != c.Owner) Found(other, c, true);
                if (!folders.TryAdd(dirKey, c)) break;
            }
        }

        return (first, count);
    }

    private static string Describe(Clash clash, int count, List<InputFile> inputs, OutputLayout layout, OutputTargets targets, bool caseOnly, bool folds)
    {
        var (a, b) = clash.A.Owner >= 0 ? (clash.A, clash.B) : (clash.B, clash.A);
        var more = count > 1 ? $" (and {count - 1} more)" : "";
        var where = clash.FileAndFolder
            ? $"{a.Path} and {b.Path}, one a file and the other a folder holding it"
            : string.Equals(a.Path, b.Path, StringComparison.Ordinal) ? a.Path : $"{a.Path} and {b.Path}";
        var roles = a.Role == b.Role ? $"both as {a.Role}" : $"as {a.Role} and {b.Role}";
        if (b.Owner < 0)
        {
            return $"output names collide: the input {inputs[a.Owner].FullPath} would be written at {where}, which is {b.Role}{more}; " +
                $"choose {(b.Role == "the report" ? "--report" : "a report")} outside the output and quarantine folders";
        }

        var (fa, fb) = (inputs[a.Owner].FullPath, inputs[b.Owner].FullPath);
        var head = $"output names collide: {fa} and {fb} would be written at {where} ({roles})" +
            (caseOnly ? $", names that differ only in case, and the file system of {targets.Output} ignores case" : "") + more;
        string fix;
        if (layout == OutputLayout.Mirror && ApartUnderFullPath(fa + a.Suffix, fb + b.Suffix, folds))
        {
            fix = "--layout full-path writes each input under its whole path, which keeps them apart";
        }
        else if (a.Role != b.Role)
        {
            fix = $"no layout keeps them apart ({a.Role} of one is named as {b.Role} of the other, in one folder): rename one, or clean them in separate runs";
        }
        else if (caseOnly)
        {
            fix = "no layout keeps them apart on this file system: write to a file system that keeps case apart, rename one, or clean them in separate runs";
        }
        else
        {
            fix = "no layout keeps them apart: rename one, or clean them in separate runs";
        }

        return head + "; " + fix;
    }

    /// <summary>Whether the two paths (each input's whole path plus its role's suffix) are apart under the full-path layout.</summary>
    private static bool ApartUnderFullPath(string a, string b, bool fold)
    {
        var (pa, pb) = (InputWalk.FullPathPrefix(a), InputWalk.FullPathPrefix(b));
        return Key(pa, fold) != Key(pb, fold) && !Ancestor(pa, pb, fold) && !Ancestor(pb, pa, fold);
    }

    private static bool Ancestor(string folder, string path, bool fold)
    {
        var f = Key(folder, fold).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Key(path, fold).StartsWith(f, StringComparison.Ordinal);
    }

    /// <summary>
    /// The one form names are compared in, by relative name and by whole path alike: as they are, or folded by case (the
    /// invariant simple case mapping, as OrdinalIgnoreCase compares). Composed and decomposed forms of an accented letter
    /// stay two names: the project runs with invariant globalization, where string.Normalize leaves non-ASCII text as it
    /// is, so a normalization here would do nothing (it was here once, and did nothing).
    /// </summary>
    private static string Key(string path, bool fold) => fold ? path.ToUpperInvariant() : path;

    /// <summary>
    /// Whether any of the folders lies on a file system that ignores case (where "A.dcm" and "a.dcm" are one file). Each
    /// is judged where its files will be made: the folder itself, or its nearest existing parent. An existing name there
    /// looked up in the other case answers it (the same inode: case is ignored); with no such name, a temp file is made
    /// and looked up. Windows and macOS ignore case by default; when the probe cannot be made, case is taken as ignored.
    /// </summary>
    internal static bool IgnoresCase(IEnumerable<string> folders)
    {
        if (!OperatingSystem.IsLinux()) return true;
        foreach (var folder in folders)
        {
            var dir = Path.GetFullPath(folder);
            while (!Directory.Exists(dir)) dir = Path.GetDirectoryName(dir) ?? "/";
            if (IgnoresCaseIn(dir)) return true;
        }

        return false;
    }

    private static bool IgnoresCaseIn(string dir)
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Take(256))
            {
                var name = Path.GetFileName(entry);
                var other = Swapped(name);
                if (other == name) continue;
                var original = UnixEntry.Stat(Encoding.UTF8.GetBytes(entry), followLinks: false, out _);
                var swapped = UnixEntry.Stat(Encoding.UTF8.GetBytes(Path.Combine(dir, other)), followLinks: false, out _);
                if (original is null) continue;
                return swapped is { } s && s.Device == original.Value.Device && s.Inode == original.Value.Inode;
            }

            var probe = Path.Combine(dir, Dicom.IO.AtomicFile.TempName("case-probe"));
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                return File.Exists(Path.Combine(dir, Swapped(Path.GetFileName(probe))));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string Swapped(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name) sb.Append(char.IsUpper(ch) ? char.ToLowerInvariant(ch) : char.ToUpperInvariant(ch));
        return sb.ToString();
    }
}
