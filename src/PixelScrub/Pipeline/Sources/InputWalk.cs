using System.Runtime.InteropServices;
using System.Text;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline.Sources;

/// <summary>
/// Walks the inputs safely. Only regular files are read: FIFOs, devices and sockets get a row saying why they were not
/// (opening a FIFO or /dev/zero would block or never end). A symbolic link to a file is read as that file; a symbolic
/// link to a folder is followed only with <c>followLinks</c>, and then every folder is entered once (a visited set of
/// device and inode numbers), so link loops end. On Linux the walk reads names as bytes (readdir, statx): a name that is
/// not valid UTF-8 gives an entry with the bad bytes escaped (\xNN) and its raw path, handled per file. Inputs named on
/// the command line are followed when they are links (as find -H does). The order is stable (names sorted by byte).
/// </summary>
internal sealed class InputWalk(OutputLayout layout, bool followLinks, IReadOnlyList<string> exclude)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private readonly string[] _excluded = exclude.Select(e => Path.GetFullPath(e).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).ToArray();

    public IEnumerable<InputFile> Walk(IReadOnlyList<string> inputs)
    {
        var distinct = inputs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        bool several = distinct.Count > 1;
        foreach (var full in distinct)
        {
            var root = full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar) : full;
            var prefix = layout == OutputLayout.FullPath ? FullPathPrefix(root) : several ? Path.GetFileName(root) : "";
            var items = OperatingSystem.IsLinux() ? WalkLinux(root, prefix) : WalkManaged(root, prefix);
            foreach (var item in items) yield return item;
        }
    }

    /// <summary>The relative path an absolute path gets under <see cref="OutputLayout.FullPath"/> ("/a/b" -> "a/b", "C:\a" -> "C\a").</summary>
    internal static string FullPathPrefix(string full)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var rest = full[root.Length..];
        var drive = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace(":", "", StringComparison.Ordinal);
        return drive.Length > 0 ? Path.Combine(drive, rest) : rest;
    }

    private IEnumerable<InputFile> WalkLinux(string root, string prefix)
    {
        var rootBytes = Encoding.UTF8.GetBytes(root);
        var top = UnixEntry.Stat(rootBytes, followLinks: true, out var error);
        if (top is null)
        {
            if (error is not null && !File.Exists(root) && !Directory.Exists(root)) throw new FileNotFoundException($"input not found: {root}", root);
            yield return new InputFile(root, Leaf(prefix, Path.GetFileName(root))) { NotRead = $"cannot be read: {error}" };
            yield break;
        }

        if (top.Value.Kind == UnixEntryKind.Regular)
        {
            yield return new InputFile(root, prefix.Length > 0 && layout == OutputLayout.FullPath ? prefix : Path.GetFileName(root));
            yield break;
        }

        if (top.Value.Kind != UnixEntryKind.Directory)
        {
            yield return new InputFile(root, layout == OutputLayout.FullPath ? prefix : Path.GetFileName(root))
            {
                NotRead = $"{UnixEntry.Describe(top.Value.Kind)}, not a regular file: not read",
            };
            yield break;
        }

        var visited = new HashSet<(ulong, ulong)> { (top.Value.Device, top.Value.Inode) };
        var pending = new Stack<(byte[] Path, string Display, string Relative, bool Raw)>();
        pending.Push((rootBytes, root, prefix, false));
        while (pending.Count > 0)
        {
            var (dir, display, relative, raw) = pending.Pop();
            var names = ReadNames(dir, out var listError);
            if (listError is not null)
            {
                yield return new InputFile(display, relative) { NotRead = $"the folder cannot be listed: {listError}", RawPath = raw ? dir : null };
                continue;
            }

            var folders = new List<(byte[], string, string, bool)>();
            foreach (var name in names)
            {
                var path = Join(dir, name);
                bool valid = TryDecode(name, out var shown);
                var childDisplay = display + "/" + shown;
                var childRelative = relative.Length > 0 ? relative + "/" + shown : shown;
                bool childRaw = raw || !valid;
                if (IsExcluded(childDisplay)) continue;
                var entry = UnixEntry.Stat(path, followLinks: false, out error);
                InputFile Row(string why) => new(childDisplay, childRelative) { NotRead = why, RawPath = childRaw ? path : null };
                if (entry is null)
                {
                    yield return Row($"cannot be read: {error}");
                    continue;
                }

                var kind = entry.Value.Kind;
                var target = entry.Value;
                if (kind == UnixEntryKind.SymbolicLink)
                {
                    var followed = UnixEntry.Stat(path, followLinks: true, out error);
                    if (followed is null)
                    {
                        yield return Row($"a symbolic link whose target cannot be reached (broken, or a loop of links): {error}");
                        continue;
                    }

                    target = followed.Value;
                    kind = target.Kind;
                    if (kind == UnixEntryKind.Directory && !followLinks)
                    {
                        yield return Row("a symbolic link to a folder: not followed (--follow-links follows them)");
                        continue;
                    }
                }

                switch (kind)
                {
                    case UnixEntryKind.Regular:
                        yield return new InputFile(childDisplay, childRelative) { RawPath = childRaw ? path : null };
                        break;
                    case UnixEntryKind.Directory:
                        if (visited.Add((target.Device, target.Inode))) folders.Add((path, childDisplay, childRelative, childRaw));
                        else yield return Row("a folder already walked (reached again through a link): not walked twice");
                        break;
                    default:
                        yield return Row($"{UnixEntry.Describe(kind)}, not a regular file: not read");
                        break;
                }
            }

            for (int i = folders.Count - 1; i >= 0; i--) pending.Push(folders[i]);
        }
    }

    private static string Leaf(string prefix, string name) => prefix.Length > 0 ? prefix : name;

    private bool IsExcluded(string path)
    {
        var p = path + Path.DirectorySeparatorChar;
        return _excluded.Any(x => p.StartsWith(x, StringComparison.Ordinal));
    }

    /// <summary>The names in a folder (without "." and ".."), sorted by byte; null and an error when it cannot be listed.</summary>
    private static unsafe List<byte[]> ReadNames(byte[] dir, out string? error)
    {
        var names = new List<byte[]>();
        var z = Libc.Z(dir);
        nint handle;
        fixed (byte* p = z) handle = Libc.opendir(p);
        if (handle == 0)
        {
            error = Libc.LastError();
            return names;
        }

        try
        {
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                nint ent = Libc.readdir(handle);
                if (ent == 0) break;

                // struct dirent on 64-bit Linux (glibc and musl): d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name.
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)ent + 19);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8)) continue;
                names.Add(name.ToArray());
            }
        }
        finally
        {
            Libc.closedir(handle);
        }

        names.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        error = null;
        return names;
    }

    private static byte[] Join(byte[] dir, byte[] name)
    {
        bool slash = dir.Length > 0 && dir[^1] == (byte)'/';
        var path = new byte[dir.Length + (slash ? 0 : 1) + name.Length];
        dir.CopyTo(path, 0);
        if (!slash) path[dir.Length] = (byte)'/';
        name.CopyTo(path, path.Length - name.Length);
        return path;
    }

    /// <summary>Decodes a name; when it is not valid UTF-8, <paramref name="shown"/> has each bad byte as \xNN.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> name, out string shown)
    {
        try
        {
            shown = StrictUtf8.GetString(name);
            return true;
        }
        catch (DecoderFallbackException)
        {
            var sb = new StringBuilder();
            while (!name.IsEmpty)
            {
                var status = System.Text.Rune.DecodeFromUtf8(name, out var rune, out int used);
                if (status == System.Buffers.OperationStatus.Done) sb.Append(rune.ToString());
                else
                {
                    for (int i = 0; i < used; i++) sb.Append($"\\x{name[i]:x2}");
                }

                name = name[used..];
            }

            shown = sb.ToString();
            return false;
        }
    }

    /// <summary>Other systems: the managed walk (names there are always representable), regular files only.</summary>
    private IEnumerable<InputFile> WalkManaged(string root, string prefix)
    {
        if (File.Exists(root))
        {
            yield return new InputFile(root, layout == OutputLayout.FullPath ? prefix : Path.GetFileName(root));
            yield break;
        }

        if (!Directory.Exists(root)) throw new FileNotFoundException($"input not found: {root}", root);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = followLinks ? 0 : FileAttributes.ReparsePoint };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Where(f => !IsExcluded(f))
            .Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var rel = Path.GetRelativePath(root, f);
            yield return new InputFile(f, prefix.Length > 0 ? Path.Combine(prefix, rel) : rel);
        }
    }
}
