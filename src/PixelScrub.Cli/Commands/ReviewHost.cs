using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using PixelScrub.Pipeline.Unix;

namespace PixelScrub.Cli.Commands;

/// <summary>
/// Where `review` runs. The review page (ASP.NET Core, SQLite) is a third of a native program's size, and a native
/// program's start-up grows with its size (BENCHMARKS.md §10d), so tools/publish.sh builds the native `pixelscrub`
/// without it (this switch off: the trimmer drops the page) and a second program, `pixelscrub-review`, with it. The
/// native `pixelscrub review ...` replaces itself with `pixelscrub-review review ...` from its own folder (execv: same
/// process id, standard streams, signals and exit code). The JIT build and the dotnet tool keep the page in process.
/// </summary>
internal static unsafe partial class ReviewHost
{
    /// <summary>The runtime switch (csproj property PixelScrubReviewInProcess); unset means in process.</summary>
    internal const string Switch = "PixelScrub.Cli.ReviewInProcess";

    /// <summary>The program that serves the page for a native `pixelscrub`, in the same folder.</summary>
    internal const string ProgramName = "pixelscrub-review";

    [FeatureSwitchDefinition(Switch)]
    internal static bool InProcess => !AppContext.TryGetSwitch(Switch, out bool inProcess) || inProcess;

    /// <summary>Replaces this process with <see cref="ProgramName"/> given these arguments; returns only when it cannot.</summary>
    internal static int Exec(string[] args, TextWriter stderr)
    {
        var folder = Path.GetDirectoryName(Environment.ProcessPath) ?? AppContext.BaseDirectory;
        var program = Path.Combine(folder, ProgramName);
        if (!File.Exists(program))
        {
            stderr.WriteLine($"error: `pixelscrub review` runs {ProgramName}, which is not beside pixelscrub ({program} is missing): " +
                "install both programs from the same build (README, \"Install\")");
            return ExitCodes.Usage;
        }

        var strings = new nint[args.Length + 2];
        try
        {
            // argv[0] as this program was called, so usage lines still read "pixelscrub review"
            strings[0] = Marshal.StringToCoTaskMemUTF8(Environment.GetCommandLineArgs()[0]);
            for (int i = 0; i < args.Length; i++) strings[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            fixed (nint* argv = strings)
            {
                fixed (byte* path = Libc.Z(System.Text.Encoding.UTF8.GetBytes(program)))
                {
                    execv(path, argv);
                }
            }

            int errno = Marshal.GetLastPInvokeError();
            stderr.WriteLine($"error: cannot run {program}: {Marshal.GetPInvokeErrorMessage(errno)}");
            return ExitCodes.Usage;
        }
        finally
        {
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int execv(byte* path, nint* argv);
}
