using System.Diagnostics;

namespace PixelScrub.Tests.Support;

/// <summary>
/// Locates `../shared` (the corpus, rule files and reference data) beside the repository root, and the
/// reference tools from Debian. A test that needs either fails with a message saying what to install;
/// it never silently skips.
/// </summary>
public static class SharedFiles
{
    private static readonly Lazy<string?> RootDir = new(FindShared);

    /// <summary>The `shared` folder, or a failure naming where it was looked for.</summary>
    public static string Root => RootDir.Value ?? throw new InvalidOperationException(
        "The shared folder (../shared beside the repository root) was not found: tests that read the corpus, " +
        "rule files or reference data need it. Clone the project beside it.");

    public static string Corpus(string relative) => Path.Combine(Root, "corpus", relative);
    public static string Rules(string relative) => Path.Combine(Root, "rules", relative);
    public static string Reference(string relative) => Path.Combine(Root, "reference", relative);

    private static string? FindShared()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PixelScrub.slnx")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(Path.Combine(candidate, "corpus")) ? Path.GetFullPath(candidate) : null;
            }

            dir = dir.Parent;
        }

        return null;
    }
}

/// <summary>Runs reference tools (dcmtk, dicom3tools, libjpeg-turbo-progs, ...) for comparison tests.</summary>
public static class ReferenceTool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["dcmdump"] = "dcmtk", ["dcm2json"] = "dcmtk", ["dcmdjpeg"] = "dcmtk", ["dcmdrle"] = "dcmtk",
        ["dcmj2pnm"] = "dcmtk", ["dcmdjpls"] = "dcmtk", ["dcmcjpeg"] = "dcmtk", ["dcmcrle"] = "dcmtk", ["dcmcjpls"] = "dcmtk", ["dump2dcm"] = "dcmtk",
        ["dcmconv"] = "dcmtk", ["dcmodify"] = "dcmtk", ["storescu"] = "dcmtk", ["storescp"] = "dcmtk", ["echoscu"] = "dcmtk", ["dciodvfy"] = "dicom3tools", ["djpeg"] = "libjpeg-turbo-progs",
        ["cjpeg"] = "libjpeg-turbo-progs", ["jpegtran"] = "libjpeg-turbo-progs", ["pngcheck"] = "pngcheck",
        ["opj_decompress"] = "libopenjp2-tools", ["opj_compress"] = "libopenjp2-tools", ["ojph_compress"] = "openjph-tools", ["tesseract"] = "tesseract-ocr tesseract-ocr-eng", ["giftopnm"] = "netpbm", ["pngtopnm"] = "netpbm", ["pnmscale"] = "netpbm", ["flock"] = "util-linux",
        ["time"] = "time",
    };

    /// <summary>The full path of a tool; fails (never skips) with the package to install when it is missing.</summary>
    public static string Require(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (dir.Length == 0) continue;
            var path = Path.Combine(dir, tool);
            if (File.Exists(path)) return path;
        }

        var package = Packages.TryGetValue(tool, out var p) ? p : "(unknown package)";
        throw new InvalidOperationException(
            $"Reference tool '{tool}' is not installed; this test needs it. Install it with: apt-get install -y {package} " +
            "(.ci/run installs it in CI).");
    }

    /// <summary>
    /// Decodes a JPEG 2000 code stream with OpenJPEG's own tool, the reference for JPEG 2000: little endian raw samples
    /// (.rawl), components interleaved.
    /// </summary>
    public static byte[] OpjDecompress(byte[] codestream)
    {
        string dir = Directory.CreateTempSubdirectory("pixelscrub-j2k-").FullName;
        try
        {
            string input = Path.Combine(dir, "frame.j2k");
            string output = Path.Combine(dir, "frame.rawl");
            File.WriteAllBytes(input, codestream);
            var (code, stdout, stderr) = Run("opj_decompress", ["-i", input, "-o", output]);
            if (code != 0) throw new InvalidOperationException($"opj_decompress failed: {stdout} {stderr}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// dciodvfy's verdict on a file: it exits 0 with no "Error" line, or 1 with "Error - ..." lines (a file it cannot
    /// read gives "Error - ... read failed"); any other exit (134: it aborted) is no verdict (Ran = false). An exit
    /// code that disagrees with the lines fails the test, so a check cannot pass on output dciodvfy never judged.
    /// </summary>
    public static (bool Ran, HashSet<string> Errors, string Output) Dciodvfy(string path)
    {
        var (code, stdout, stderr) = Run("dciodvfy", [path]);
        var errors = (stdout + "\n" + stderr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Select(l => l.Trim()).ToHashSet();
        if (code is not (0 or 1)) return (false, errors, stdout + stderr);
        if ((code == 1) != (errors.Count > 0))
        {
            throw new InvalidOperationException($"dciodvfy exited {code} on {path} with {errors.Count} error line(s): {stdout} {stderr}");
        }

        return (true, errors, stdout + stderr);
    }

    /// <summary>dicom3tools' dciodvfy aborts on native pixel data of 32 bits allocated (an assertion in attrothr.cc,
    /// for DCMTK's own dcmdrle output too): no verdict is possible there, and only there.</summary>
    public static bool DciodvfyCannotJudge32BitPixels(string output) =>
        output.Contains("Assertion `bitsallocated <= bytesinword*8u' failed", StringComparison.Ordinal);

    /// <summary>Runs a tool and returns its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string tool, IEnumerable<string> args, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(true);
            throw new TimeoutException($"{tool} did not finish within {timeoutMs} ms");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
