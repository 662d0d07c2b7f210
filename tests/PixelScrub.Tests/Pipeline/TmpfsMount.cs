using System.Diagnostics;

namespace PixelScrub.Tests.Pipeline;

/// <summary>
/// A small tmpfs mounted by a test (a real full disk, a real read-only file system). Mounting needs root: without it
/// the test fails and says so; it never skips.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    public TmpfsMount(string path, string size, bool readOnly = false)
    {
        Path = path;
        Directory.CreateDirectory(path);
        if (Environment.UserName != "root" && !IsRoot())
        {
            throw new InvalidOperationException(
                $"this test mounts a {size} tmpfs at {path} to get a real full (or read-only) file system, which needs root; " +
                "run the test suite as root (CI does), e.g. in a container, to run it");
        }

        Run("mount", "-t", "tmpfs", "-o", $"size={size}{(readOnly ? ",ro" : "")}", "tmpfs", path);
    }

    public string Path { get; }

    /// <summary>Makes the mounted file system read-only (what is on it stays readable).</summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose() => Run("umount", "-l", Path);

    private static bool IsRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Trim()} (mounting a tmpfs needs root and CAP_SYS_ADMIN)");
    }
}
