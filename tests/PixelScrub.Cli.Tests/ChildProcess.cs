using System.Diagnostics;

namespace PixelScrub.Cli.Tests;

/// <summary>Programs the CLI tests start as child processes (the native build, the installed tool, dotnet, bash) and what they compare.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> to its end (the test fails if it outlives <paramref name="timeout"/>, default 2 minutes).</summary>
    public static (int Code, string Out, string Err) Exec(string program, IEnumerable<string> args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(true);
            Assert.Fail($"{program} {string.Join(' ', psi.ArgumentList)} did not finish in time");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Runs the built `pixelscrub` as a child process where Tesseract finds no English data: TESSDATA_PREFIX, which
    /// Tesseract reads from the native environment (hence a child process), names an empty folder made under
    /// <paramref name="root"/>.
    /// </summary>
    public static (int Code, string Out, string Err) PixelScrubWithoutEnglishData(string root, params string[] args)
    {
        var empty = Path.Combine(root, "no-tessdata");
        Directory.CreateDirectory(empty);
        return Exec("dotnet", [Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll"), .. args],
            environment: new Dictionary<string, string> { ["TESSDATA_PREFIX"] = empty });
    }

    /// <summary>The repository's root (where PixelScrub.slnx is), above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PixelScrub.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, "PixelScrub.slnx not found above " + AppContext.BaseDirectory);
        return dir!.FullName;
    }

    /// <summary>Both folders hold the same files (names starting with '.' aside: locks, ledgers), byte for byte, and not none.</summary>
    public static void AssertSameFiles(string expectedDir, string actualDir)
    {
        var expected = RelativeFiles(expectedDir);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RelativeFiles(actualDir));
        foreach (var f in expected)
            Assert.True(File.ReadAllBytes(Path.Combine(expectedDir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, f))), f);
    }

    private static string[] RelativeFiles(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !f.StartsWith('.'))
            .Order(StringComparer.Ordinal).ToArray();
}
