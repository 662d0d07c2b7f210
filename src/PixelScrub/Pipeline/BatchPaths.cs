using System.Runtime.InteropServices;
using System.Text;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline;

/// <summary>
/// Checks every path of a batch before any file is touched (nothing here writes): the report, quarantine, staging,
/// previews and output paths must not be an input or lie inside one (they would overwrite it, or be read back as inputs
/// by the next run); inputs must not lie inside the output, quarantine or staging folders; the output and quarantine
/// must be folders and the report a file (output names are checked by <see cref="OutputNames"/>). Paths are compared
/// after resolving symbolic links of the parts that exist.
/// </summary>
internal static class BatchPaths
{
    public static void Check(BatchOptions options)
    {
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var quarantine = Path.GetFullPath(options.ResolvedQuarantine);
        var report = Path.GetFullPath(options.ResolvedReport);
        if (File.Exists(outDir)) throw new BatchSetupException($"--out {outDir} is a file, not a folder: name a folder (it is created when missing)");
        if (File.Exists(quarantine)) throw new BatchSetupException($"the quarantine {quarantine} is a file, not a folder");
        if (Directory.Exists(report)) throw new BatchSetupException($"the report {report} is a folder: name a file (.jsonl, or .csv)");
        if (Same(quarantine, outDir) || Inside(quarantine, outDir)) throw new BatchSetupException($"the quarantine folder {quarantine} must not be inside the output folder {outDir}");

        var written = new List<(string What, string Path)>
        {
            ("the output folder", outDir), ("the quarantine folder", quarantine), ("the report", report),
            ("the staging folder", Path.GetFullPath(options.StagingDirectory)),
        };
        if (options.Previews) written.Add(("the previews folder", Path.GetFullPath(options.ResolvedPreviews)));

        foreach (var input in options.Inputs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            bool folder = Directory.Exists(input);
            foreach (var (what, path) in written)
            {
                if (Same(path, input))
                {
                    throw new BatchSetupException($"{what} {path} is the input {input}: it would overwrite it; choose a path outside the inputs");
                }

                if (folder && Inside(path, input))
                {
                    throw new BatchSetupException(
                        $"{what} {path} is inside the input folder {input}: a run would read it back as input; choose a path outside the inputs");
                }

                if (what != "the report" && Inside(input, path))
                {
                    throw new BatchSetupException($"the input {input} is inside {what} {path}: its outputs would be read back as inputs");
                }
            }
        }
    }

    private static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="folder"/>.</summary>
    private static bool Inside(string path, string folder)
    {
        var f = Canonical(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var p = Canonical(path);
        return p.Length > f.Length && p.StartsWith(f, StringComparison.Ordinal);
    }

    /// <summary>The path with the symbolic links of its existing part resolved (realpath), the rest appended.</summary>
    internal static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux()) return full.TrimEnd(Path.DirectorySeparatorChar);
        var rest = new Stack<string>();
        var existing = full;
        while (true)
        {
            var resolved = RealPath(existing);
            if (resolved is not null)
            {
                foreach (var part in rest) resolved = Path.Combine(resolved, part);
                return resolved.Length > 1 ? resolved.TrimEnd(Path.DirectorySeparatorChar) : resolved;
            }

            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return full;
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
    }

    private static unsafe string? RealPath(string path)
    {
        var z = Libc.Z(Encoding.UTF8.GetBytes(path));
        nint resolved;
        fixed (byte* p = z) resolved = Libc.realpath(p, 0);
        if (resolved == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Libc.free(resolved);
        }
    }
}
