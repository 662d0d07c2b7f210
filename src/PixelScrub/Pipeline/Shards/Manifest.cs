using System.Globalization;
using System.Text;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Sources;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// The list of files a sharded run shares, so that a thousand shards do not each walk a million-file tree. A text file
/// (UTF-8, '\n' line ends):
/// <code>
/// # pixelscrub manifest 1
/// # root: /data/scans
/// # follow-links: no
/// 52311	study1/img0001.dcm
/// # ignored	study1/pipe	a FIFO (named pipe), not a regular file: not read
/// # end: 1 files, 52311 bytes
/// </code>
/// Each file line is the size in bytes, a tab, and the path relative to the root, escaped by <see cref="ManifestPath"/>
/// ('/' between folders). The relative path is also the file's path under OUT, exactly as `clean` of the same inputs
/// writes it. Entries the walk does not read (FIFOs, devices, links to folders not followed) are comment lines. The
/// last line counts the files: a manifest without it is incomplete and refused. Written atomically (temp + rename).
/// </summary>
public static class Manifest
{
    public const string Magic = "# pixelscrub manifest 1";
    private const string RootKey = "# root: ";
    private const string FollowKey = "# follow-links: ";
    private const string EndKey = "# end: ";
    private const string IgnoredKey = "# ignored\t";

    /// <summary>The longest manifest line read (a path is at most 4096 bytes, four characters each when escaped).</summary>
    public const int MaxLineChars = 64 << 10;

    /// <summary>The most files a manifest may list (a million-file tree is ordinary; this bounds a hostile one).</summary>
    public const int MaxFiles = 100_000_000;

    /// <summary>
    /// Walks the inputs once with the rules of `clean` (<see cref="InputWalk"/>) and writes the manifest. The root is the
    /// folder when one folder is given, the folder of the inputs when they share one, "/" with
    /// <see cref="OutputLayout.FullPath"/>; inputs in different folders are refused (<see cref="BatchSetupException"/>),
    /// as are output names that collide and a manifest inside an input folder.
    /// </summary>
    public static ManifestSummary Write(IReadOnlyList<string> inputs, string manifestPath, OutputLayout layout = OutputLayout.Mirror, bool followLinks = false)
    {
        var full = inputs.Select(Path.GetFullPath).Select(p => p.Length > 1 ? p.TrimEnd('/') : p).Distinct(StringComparer.Ordinal).ToList();
        if (full.Count == 0) throw new BatchSetupException("list: no inputs");
        var manifest = Path.GetFullPath(manifestPath);
        if (Directory.Exists(manifest)) throw new BatchSetupException($"the manifest {manifest} is a folder: name a file");
        foreach (var input in full)
        {
            if (!File.Exists(input) && !Directory.Exists(input)) throw new FileNotFoundException($"input not found: {input}", input);
            var inside = BatchPaths.Canonical(input).TrimEnd('/') + "/";
            if (Directory.Exists(input) && BatchPaths.Canonical(manifest).StartsWith(inside, StringComparison.Ordinal))
            {
                throw new BatchSetupException($"the manifest {manifest} is inside the input folder {input}: the next list would read it; write it elsewhere");
            }
        }

        var root = RootOf(full, layout);
        var files = new InputWalk(layout, followLinks, []).Walk(full).ToList();
        // OUT is not known yet (clean checks again, with its file systems): names only, case kept apart.
        OutputNames.Check(files, layout, new OutputTargets("OUT", "OUT.quarantine", null, []), ignoreCase: false);

        int count = 0, ignored = 0;
        long bytes = 0;
        AtomicFile.Write(manifest, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            w.WriteLine(Magic);
            w.WriteLine(RootKey + ManifestPath.Escape(Encoding.UTF8.GetBytes(root)));
            w.WriteLine(FollowKey + (followLinks ? "yes" : "no"));
            foreach (var f in files)
            {
                var rel = ManifestPath.Escape(RelativeBytes(f, root));
                if (f.NotRead is not null)
                {
                    w.WriteLine(IgnoredKey + rel + "\t" + ManifestPath.Escape(Encoding.UTF8.GetBytes(f.NotRead)));
                    ignored++;
                    continue;
                }

                long size = SizeOf(f);
                w.WriteLine(size.ToString(CultureInfo.InvariantCulture) + "\t" + rel);
                count++;
                bytes += Math.Max(0, size);
            }

            w.WriteLine($"{EndKey}{count} files, {bytes} bytes");
        });
        return new ManifestSummary(manifest, root, count, bytes, ignored);
    }

    /// <summary>The folder every relative path is under (see <see cref="Write"/>).</summary>
    internal static string RootOf(IReadOnlyList<string> full, OutputLayout layout)
    {
        if (layout == OutputLayout.FullPath) return "/";
        if (full.Count == 1) return Directory.Exists(full[0]) ? full[0] : Path.GetDirectoryName(full[0]) ?? "/";
        var parents = full.Select(p => Path.GetDirectoryName(p) ?? "/").Distinct(StringComparer.Ordinal).ToList();
        if (parents.Count > 1)
        {
            throw new BatchSetupException(
                $"list: the inputs are in different folders ({parents[0]}, {parents[1]}); a manifest's paths are relative to one root: give inputs from one folder, or --layout full-path");
        }

        return parents[0];
    }

    /// <summary>The path of an entry below the root, as bytes (the raw name when it is not valid UTF-8).</summary>
    private static byte[] RelativeBytes(InputFile f, string root)
    {
        var rootBytes = Encoding.UTF8.GetBytes(root);
        int skip = root == "/" ? 1 : rootBytes.Length + 1;
        var path = f.RawPath ?? Encoding.UTF8.GetBytes(f.FullPath);
        if (path.Length <= skip || !path.AsSpan().StartsWith(rootBytes))
        {
            throw new BatchSetupException($"list: {f.FullPath} is not below the root {root}");
        }

        var rel = path[skip..];
        if (f.RawPath is null && Encoding.UTF8.GetString(rel) != (Path.DirectorySeparatorChar == '/' ? f.RelativePath : f.RelativePath.Replace(Path.DirectorySeparatorChar, '/')))
        {
            throw new BatchSetupException($"list: {f.FullPath} would be written as {f.RelativePath}, which is not its path below the root {root}");
        }

        return rel;
    }

    private static long SizeOf(InputFile f)
    {
        if (OperatingSystem.IsLinux())
        {
            return UnixEntry.Stat(f.RawPath ?? Encoding.UTF8.GetBytes(f.FullPath), followLinks: true, out _)?.Size ?? -1;
        }

        var info = new FileInfo(f.FullPath);
        return info.Exists ? info.Length : -1;
    }

    /// <summary>The header of a manifest: the root its paths are relative to and whether links to folders were followed.</summary>
    internal static (string Root, bool FollowLinks) ReadHeader(string manifestPath)
    {
        using var reader = Open(manifestPath);
        string? root = null;
        bool follow = false;
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1)
            {
                if (text != Magic) throw Bad(manifestPath, 1, $"not a pixelscrub manifest (the first line must be \"{Magic}\"; make it with `pixelscrub list`)");
                continue;
            }

            if (text.StartsWith(RootKey, StringComparison.Ordinal))
            {
                var bytes = ManifestPath.Unescape(text[RootKey.Length..], out var error) ?? throw Bad(manifestPath, line, error!);
                root = Encoding.UTF8.GetString(bytes);
            }
            else if (text.StartsWith(FollowKey, StringComparison.Ordinal)) follow = text[FollowKey.Length..] == "yes";
            else if (!text.StartsWith('#')) break;
        }

        if (line == 0) throw Bad(manifestPath, 1, "the manifest is empty");
        return (root ?? throw Bad(manifestPath, line, "no \"# root:\" line before the first file"), follow);
    }

    /// <summary>
    /// The files of a manifest in order. Each path is checked to stay below the root (not absolute, no "." or ".."
    /// parts, no empty parts, no NUL); a bad line, or a manifest whose last line is not the "# end:" count (cut short),
    /// throws <see cref="BatchSetupException"/> naming the file and line, after the entries before it were yielded
    /// (a batch reads them all before touching any file).
    /// </summary>
    internal static IEnumerable<ManifestEntry> ReadEntries(string manifestPath)
    {
        using var reader = Open(manifestPath);
        int line = 0, files = 0;
        string? end = null;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (end is not null) throw Bad(manifestPath, line, "lines after the \"# end:\" line");
            if (line == 1)
            {
                if (text != Magic) throw Bad(manifestPath, 1, $"not a pixelscrub manifest (the first line must be \"{Magic}\")");
                continue;
            }

            if (text.StartsWith(EndKey, StringComparison.Ordinal))
            {
                end = text;
                var count = text[EndKey.Length..].Split(' ')[0];
                if (count != files.ToString(CultureInfo.InvariantCulture)) throw Bad(manifestPath, line, $"the manifest says {count} files but lists {files}");
                continue;
            }

            if (text.StartsWith('#') || text.Length == 0) continue;
            var tab = text.IndexOf('\t');
            if (tab <= 0 || !long.TryParse(text.AsSpan(0, tab), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long size))
            {
                throw Bad(manifestPath, line, "expected SIZE<tab>PATH");
            }

            var rel = ManifestPath.Unescape(text[(tab + 1)..], out var error) ?? throw Bad(manifestPath, line, error!);
            if (Unsafe(rel) is { } why) throw Bad(manifestPath, line, $"the path {text[(tab + 1)..]} {why}: refused");
            if (++files > MaxFiles) throw Bad(manifestPath, line, $"the manifest lists more than {MaxFiles.ToString("N0", CultureInfo.InvariantCulture)} files; manifests with more are refused (split the tree into several runs)");
            yield return new ManifestEntry(rel, size, line);
        }

        if (end is null) throw Bad(manifestPath, Math.Max(1, line), "no \"# end:\" line: the manifest is incomplete (cut short?); make it again with `pixelscrub list`");
    }

    /// <summary>Why a relative path would leave the root (or name no file); null when it stays below it.</summary>
    internal static string? Unsafe(ReadOnlySpan<byte> rel)
    {
        if (rel.IsEmpty) return "is empty";
        if (rel[0] == (byte)'/') return "is absolute (paths are relative to the root)";
        if (rel.IndexOf((byte)0) >= 0) return "holds a NUL byte";
        foreach (var part in rel.Split((byte)'/'))
        {
            var p = rel[part];
            if (p.IsEmpty) return "has an empty part";
            if (p.SequenceEqual("."u8) || p.SequenceEqual(".."u8)) return "has a '.' or '..' part: it would leave the root";
        }

        return null;
    }

    private static BoundedLineReader Open(string path)
    {
        try
        {
            return BoundedLineReader.Open(path, MaxLineChars, line => Bad(path, line,
                $"a line longer than {BoundedLineReader.Size(MaxLineChars)}; manifest lines above {BoundedLineReader.Size(MaxLineChars)} are refused (not a manifest `pixelscrub list` wrote)"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BatchSetupException($"cannot read the manifest {path}: {ex.Message}", ex);
        }
    }

    private static BatchSetupException Bad(string path, int line, string what) => new($"{path}:{line}: {what}");
}
