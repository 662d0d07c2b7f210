using System.Collections.Concurrent;
using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline;

/// <summary>--jobs N: N threads (this one and N-1 started for the run) taking one file at a time.</summary>
public sealed class BatchJobsTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Two_jobs_do_every_file_once_on_two_threads()
    {
        // four copies of the demo inputs: enough files that both threads take several
        var inputs = Directory.GetFiles(_f.In, "*.dcm", SearchOption.AllDirectories);
        for (int copy = 1; copy < 4; copy++)
        {
            foreach (var file in inputs)
            {
                var to = Path.Combine(_f.In, $"copy{copy}", Path.GetRelativePath(_f.In, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        // Each thread's first finished file waits (bounded) for a file finished on another thread: with two jobs the
        // other thread finishes one meanwhile, however loaded the machine; a run on one thread would find none.
        var seen = new ConcurrentBag<(string Input, int Thread)>();
        var threads = new ConcurrentDictionary<int, bool>();
        using var both = new ManualResetEventSlim();
        var summary = BatchRunner.Run(_f.Options() with { Jobs = 2 }, new OnReport(o =>
        {
            int thread = Environment.CurrentManagedThreadId;
            seen.Add((o.Input, thread));
            if (!threads.TryAdd(thread, true)) return;
            if (threads.Count >= 2) both.Set();
            both.Wait(TimeSpan.FromSeconds(60));
        }));

        Assert.Equal(inputs.Length * 4, summary.Total);
        Assert.Equal(summary.Total, seen.Count);
        Assert.Equal(summary.Total, seen.Select(s => s.Input).Distinct().Count());
        Assert.Equal(2, seen.Select(s => s.Thread).Distinct().Count());
        Assert.Equal(0, summary.Failed);
    }

    [Fact]
    public void An_exception_outside_the_files_stops_every_job_and_is_rethrown_as_itself()
    {
        // A fault of a file is that file's failure; one thrown after it (here by the progress callback) is the run's:
        // each thread stops after the file it is on, and the caller gets the exception itself, not an AggregateException.
        // More files than jobs, so that a run that went on would report more than the two stopped.
        Assert.True(Directory.GetFiles(_f.In, "*", SearchOption.AllDirectories).Length > 2);
        int reported = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => BatchRunner.Run(_f.Options(), new OnReport(_ =>
        {
            Interlocked.Increment(ref reported);
            throw new InvalidOperationException("progress broke");
        })));

        Assert.Equal("progress broke", ex.Message);
        Assert.InRange(reported, 1, 2);
        Assert.InRange(File.ReadAllLines(_f.Options().ResolvedReport).Length, 1, 2);
    }

    private sealed class OnReport(Action<FileOutcome> report) : IProgress<FileOutcome>
    {
        public void Report(FileOutcome value) => report(value);
    }
}
