using PixelScrub.Pipeline;
using Spectre.Console;

namespace PixelScrub.Cli.Commands;

/// <summary>A progress bar with counts and rate on a terminal; plain lines otherwise (pipes, CI, tests).</summary>
internal static class Progress
{
    /// <summary>The width tables get when not on a terminal: wide enough for any path, so nothing wraps.</summary>
    private const int NoWrapWidth = 1 << 16;

    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        bool terminal = (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
                        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Not a terminal (a pipe, a file, a test): no screen width to fit, so tables keep whole paths on one line
        // instead of wrapping at Spectre's default 80 columns.
        if (!terminal) console.Profile.Width = NoWrapWidth;
        return console;
    }

    public static T Run<T>(TextWriter stdout, string verb, Func<IProgress<FileOutcome>, T> work)
    {
        bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
        {
            var plain = new PlainProgress(stdout);
            return work(plain);
        }

        var console = ConsoleFor(stdout);
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(verb, maxValue: double.MaxValue);
                task.IsIndeterminate = true;
                var counter = new TerminalProgress(task, verb);
                result = work(counter);
            });
        return result;
    }

    private sealed class PlainProgress(TextWriter writer) : IProgress<FileOutcome>
    {
        private readonly Lock _gate = new();

        public void Report(FileOutcome value)
        {
            lock (_gate)
            {
                writer.WriteLine($"{value.Status.ToString().ToLowerInvariant(),-11} {value.Input}{(value.Reason is { Length: > 0 } r && value.Status is FileStatus.Failed or FileStatus.Quarantined or FileStatus.Ignored ? $"  ({r})" : "")}");
            }
        }
    }

    private sealed class TerminalProgress(ProgressTask task, string verb) : IProgress<FileOutcome>
    {
        private int _done, _cleaned, _passed, _quarantined, _failed;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public void Report(FileOutcome value)
        {
            int done = Interlocked.Increment(ref _done);
            _ = value.Status switch
            {
                FileStatus.Cleaned => Interlocked.Increment(ref _cleaned),
                FileStatus.Passed => Interlocked.Increment(ref _passed),
                FileStatus.Quarantined => Interlocked.Increment(ref _quarantined),
                FileStatus.Failed => Interlocked.Increment(ref _failed),
                _ => 0,
            };
            double rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            task.Description = $"{verb}: {done} files ({rate:0} /s)  cleaned {_cleaned}  passed {_passed}  quarantined {_quarantined}  failed {_failed}";
            task.Increment(1);
        }
    }
}
