using BenchmarkDotNet.Running;

namespace PixelScrub.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/PixelScrub.Bench -- [BenchmarkDotNet arguments]` runs the per-stage suites
/// (e.g. `--filter '*HeaderParsing*'`). Whole-run comparisons against the reference tools are the scripts in bench/.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
