using System.Text;
using PixelScrub.Pipeline.Sources;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// The files of a manifest below a root (`clean --files-from MANIFEST --root DIR`), each with the relative path the
/// manifest gives (so OUT mirrors it as `clean` of the root does). Only what the manifest names is read; nothing is
/// walked. Each entry is looked at again as the walk would: no longer a regular file (a FIFO now, a link to a folder) is
/// a row saying so; a name that is not valid UTF-8 is handled as the walk does. Unless the manifest was made with
/// --follow-links, a path whose folders resolve outside the root (a folder replaced by a link since the listing) is
/// refused, and so is any path that is absolute or has "." or ".." parts.
/// </summary>
internal sealed class ManifestSource(string manifestPath, string root, bool followLinks) : IInputSource
{
    private readonly string _root = Path.GetFullPath(root) is var r && r.Length > 1 ? r.TrimEnd('/') : Path.GetFullPath(root);
    private readonly Dictionary<string, bool> _folderInside = new(StringComparer.Ordinal);

    public IEnumerable<InputFile> Files()
    {
        if (!Directory.Exists(_root)) throw new BatchSetupException($"--root {_root} is not a folder");
        var canonicalRoot = BatchPaths.Canonical(_root);
        var rootBytes = Encoding.UTF8.GetBytes(_root);
        foreach (var entry in Manifest.ReadEntries(manifestPath))
        {
            var raw = new byte[rootBytes.Length + 1 + entry.Relative.Length];
            rootBytes.CopyTo(raw, 0);
            raw[rootBytes.Length] = (byte)'/';
            entry.Relative.CopyTo(raw, rootBytes.Length + 1);
            if (_root == "/") raw = raw[1..];
            bool valid = InputWalk.TryDecode(entry.Relative, out var relative);
            var display = (_root == "/" ? "" : _root) + "/" + relative;
            InputFile Row(string? why) => new(display, relative) { NotRead = why, RawPath = valid ? null : raw };

            if (valid && !followLinks && !FolderInside(Path.GetDirectoryName(display)!, canonicalRoot))
            {
                throw new BatchSetupException($"{manifestPath}:{entry.Line}: {display} resolves outside the root {_root} (a folder on its way is a link): refused");
            }

            if (!OperatingSystem.IsLinux())
            {
                yield return Row(null);
                continue;
            }

            var stat = UnixEntry.Stat(raw, followLinks: true, out var error);
            if (stat is null && UnixEntry.Stat(raw, followLinks: false, out _) is { Kind: UnixEntryKind.SymbolicLink })
            {
                yield return Row($"a symbolic link whose target cannot be reached (broken, or a loop of links): {error}");
            }
            else if (stat is { Kind: not UnixEntryKind.Regular } s)
            {
                yield return Row(s.Kind == UnixEntryKind.Directory
                    ? "listed in the manifest as a file, now a folder: not read"
                    : $"{UnixEntry.Describe(s.Kind)}, not a regular file: not read");
            }
            else
            {
                // a regular file, or one that is gone: the pipeline reads it, or fails it naming the error
                yield return Row(null);
            }
        }
    }

    private bool FolderInside(string folder, string canonicalRoot)
    {
        if (_folderInside.TryGetValue(folder, out var inside)) return inside;
        var c = BatchPaths.Canonical(folder);
        inside = c == canonicalRoot || c.StartsWith(canonicalRoot == "/" ? "/" : canonicalRoot + "/", StringComparison.Ordinal);
        _folderInside[folder] = inside;
        return inside;
    }
}
