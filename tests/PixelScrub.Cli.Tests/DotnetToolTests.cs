using System.Runtime.InteropServices;
using PixelScrub.Samples;

namespace PixelScrub.Cli.Tests;

/// <summary>
/// The `dotnet tool` package of the CLI (README "Install: a .NET tool"): `dotnet pack` of the built project makes
/// PixelScrub.Cli 0.1.0, `dotnet tool install` puts it in a tool folder from a local package source only (no network),
/// and the installed `pixelscrub` runs, including the codec worker, which is the installed command itself.
/// </summary>
public sealed class DotnetToolTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-tool-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public void The_packed_tool_installs_reports_its_version_and_cleans_as_the_build_does()
    {
        Directory.CreateDirectory(_root);
        var repo = ChildProcess.RepositoryRoot();
        // The configuration these tests were built in (bin/Release/... or bin/Debug/...): pack that build, do not rebuild.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        var packages = Path.Combine(_root, "packages");
        var (packCode, packOut, packErr) = Exec("dotnet",
        [
            "pack", Path.Combine(repo, "src", "PixelScrub.Cli", "PixelScrub.Cli.csproj"), "-c", configuration, "--no-build", "-nologo",
            "-o", packages, $"-p:PublishDir={Path.Combine(_root, "publish")}{Path.DirectorySeparatorChar}",
        ], TimeSpan.FromMinutes(10));
        Assert.True(packCode == 0, packOut + packErr);
        Assert.True(File.Exists(Path.Combine(packages, "PixelScrub.Cli.0.1.0.nupkg")), string.Join(", ", Directory.GetFiles(packages)));

        // Only the local folder as a package source, so the install works offline and cannot pick up another package.
        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config,
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" +
            $"    <add key=\"local\" value=\"{packages}\" />\n  </packageSources>\n</configuration>\n");
        var tools = Path.Combine(_root, "tools");
        var (installCode, installOut, installErr) = Exec("dotnet",
            ["tool", "install", "PixelScrub.Cli", "--tool-path", tools, "--configfile", config, "--version", "0.1.0"], TimeSpan.FromMinutes(5));
        Assert.True(installCode == 0, installOut + installErr);
        var pixelscrub = Path.Combine(tools, "pixelscrub");
        Assert.True(File.Exists(pixelscrub), installOut);

        var (versionCode, version, versionErr) = Exec(pixelscrub, ["--version"]);
        Assert.True(versionCode == 0, versionErr);
        Assert.StartsWith("0.1.0", version.Trim(), StringComparison.Ordinal);

        // A small clean with JPEG 2000 output, so the installed command also runs as its own codec worker.
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var built = Path.Combine(_root, "built");
        var installed = Path.Combine(_root, "installed");
        string[] options = ["--transcode", "1.2.840.10008.1.2.4.90"];
        var (code, _, err) = CliRunner.Run(["clean", input, "--out", built, .. options]);
        Assert.True(code == 0, err);
        var (toolCode, toolOut, toolErr) = Exec(pixelscrub, ["clean", input, "--out", installed, .. options]);
        Assert.True(toolCode == 0, toolOut + toolErr);
        ChildProcess.AssertSameFiles(built, installed);
    }

    /// <summary>
    /// The installed command is a small launcher that looks for the .NET runtime in DOTNET_ROOT (or the usual places):
    /// point it at the runtime running these tests.
    /// </summary>
    private static (int Code, string Out, string Err) Exec(string program, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()); // DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/
            if (runtime.Parent?.Parent?.Parent is { } root) environment["DOTNET_ROOT"] = root.FullName;
        }

        return ChildProcess.Exec(program, args, timeout, environment);
    }
}
