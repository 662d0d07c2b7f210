using BenchmarkDotNet.Running;
using PixelScrub.Bench.Generators;

namespace PixelScrub.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/PixelScrub.Bench -- [BenchmarkDotNet arguments]` runs the per-stage suites
/// (e.g. `--filter '*HeaderParsing*'`). `-- generate KIND PATH FRAMES` writes inputs for the whole-run comparisons,
/// which are the scripts in bench/ (see BENCHMARKS.md).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "generate") return Generate.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
