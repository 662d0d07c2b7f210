using Microsoft.Win32.SafeHandles;
using PixelScrub.Pipeline.Sources;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Pipeline;

/// <summary>An input file and the path under OUT (and the quarantine folder) that mirrors it.</summary>
public sealed record InputFile(string FullPath, string RelativePath)
{
    /// <summary>
    /// Set for an entry the walk found but does not read (a FIFO, a device, a socket, a symbolic link to a folder that is
    /// not followed, a broken link): why. It gets a report row and nothing else.
    /// </summary>
    public string? NotRead { get; init; }

    /// <summary>
    /// The path's bytes when it is not valid UTF-8 (<see cref="FullPath"/> and <see cref="RelativePath"/> then show the
    /// bad bytes escaped as \xNN). Such a file cannot be named to the .NET file APIs: it is not processed but quarantined.
    /// </summary>
    internal byte[]? RawPath { get; init; }

    /// <summary>
    /// Expands files and folders (recursively, in a stable order) into the regular files to read. A single folder's
    /// contents mirror directly under OUT; with several inputs each keeps its own name as the first level. Paths under
    /// <paramref name="exclude"/> (the output and quarantine folders) are skipped, and so is
    /// everything that is not a regular file (see <see cref="InputWalk"/>).
    /// </summary>
    public static IEnumerable<InputFile> Enumerate(IReadOnlyList<string> inputs, IReadOnlyList<string> exclude) =>
        new InputWalk(OutputLayout.Mirror, followLinks: false, exclude).Walk(inputs).Where(f => f.NotRead is null);

    /// <summary>Opens the input for reading (through libc when its name is not valid UTF-8).</summary>
    internal unsafe FileStream OpenRead()
    {
        if (RawPath is null) return new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var z = Libc.Z(RawPath);
        int fd;
        fixed (byte* p = z) fd = Libc.open(p, Libc.ORdOnly | Libc.OCloExec | Libc.ONonBlock, 0);
        if (fd < 0) throw new IOException($"cannot open {FullPath}: {Libc.LastError()}");
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1 << 16);
    }
}
