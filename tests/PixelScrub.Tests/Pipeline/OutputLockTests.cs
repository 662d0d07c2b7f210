using System.Diagnostics;
using PixelScrub.Pipeline;
using PixelScrub.Tests.Codecs.Native;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Pipeline;

/// <summary>One run per output folder: a second is refused while the first holds the lock; a dead holder's lock is taken over.</summary>
public sealed class OutputLockTests : IDisposable
{
    private readonly BatchFolder _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_second_run_on_the_same_output_is_refused_while_another_process_holds_it()
    {
        Directory.CreateDirectory(_f.Out);
        var lockFile = Path.Combine(_f.Out, OutputLock.FileName);

        // util-linux's flock(1) holds an exclusive flock on the file from another process, as a running clean does,
        // and names its holder in it
        var flock = ReferenceTool.Require("flock");
        using var holder = Start("sh", "-c", $"echo 'pid 4242 (4242-1) on elsewhere' > '{lockFile}'; exec '{flock}' -o '{lockFile}' sleep 60");
        WaitUntilHeld(lockFile);
        try
        {
            Assert.False(OutputLock.TakenHere(lockFile), "another process's lock was taken for this process's own: the refusal would wait");
            var ex = Assert.Throws<BatchSetupException>(() => BatchRunner.Run(_f.Options()));
            Assert.Contains("another pixelscrub run is writing to", ex.Message);
            Assert.Contains("pid 4242", ex.Message);
            Assert.False(File.Exists(Path.Combine(_f.Out, "ct", "axial-0001.dcm")), "the refused run wrote into the held output");
            Assert.False(File.Exists(_f.Out + ".report.jsonl"), "the refused run wrote the other run's report");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }

    /// <summary>
    /// The holder is one process with no children (this assembly taking the lock with OutputLock, as a run does), ready
    /// when it says so and killed with SIGKILL, then waited for: the kernel has dropped its lock by the time it can be
    /// waited for. (Before, the holder was flock(1): a process tree, flock and its forked command, which shares the lock's
    /// open file until it closes it; found ready by polling with more flock(1) processes, each taking the lock when it wins;
    /// killed by .NET's best-effort tree kill with only the parent waited for.)
    /// </summary>
    [Fact]
    public void A_stale_lock_left_by_a_killed_process_is_taken_over()
    {
        var psi = new ProcessStartInfo(WorkerHost.Host) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { typeof(WorkerHost).Assembly.Location, "__hold-output-lock", _f.Out }) psi.ArgumentList.Add(a);
        int holderPid;
        using (var holder = Process.Start(psi)!)
        {
            holderPid = holder.Id;
            try
            {
                Assert.Equal("held", holder.StandardOutput.ReadLine());
                Assert.Throws<BatchSetupException>(() => OutputLock.Acquire(_f.Out));
            }
            finally
            {
                holder.Kill();     // SIGKILL: the holder cannot clean up; the kernel drops its lock
                holder.WaitForExit();
            }
        }

        var lockFile = Path.Combine(_f.Out, OutputLock.FileName);
        Assert.Contains($"pid {holderPid} ", File.ReadAllText(lockFile)); // left behind, naming its dead holder
        var summary = BatchRunner.Run(_f.Options());
        Assert.Equal(0, summary.Failed);
        Assert.Contains($"pid {Environment.ProcessId} ", File.ReadAllText(lockFile));
    }

    [Fact]
    public void Two_locks_on_one_folder_in_one_process_exclude_each_other_and_release_on_dispose()
    {
        using (OutputLock.Acquire(_f.Out))
        {
            Assert.True(OutputLock.TakenHere(Path.Combine(_f.Out, OutputLock.FileName)));
            Assert.Throws<BatchSetupException>(() => OutputLock.Acquire(Path.Combine(_f.Out, ".", "")));
        }

        using var again = OutputLock.Acquire(_f.Out);
    }

    /// <summary>
    /// A lock this process took may be held for a moment by a child forked by another thread after the lock was released
    /// (until the child's exec closes it): such a lock is waited for, not refused at once.
    /// </summary>
    [Fact]
    public async Task A_lock_this_process_took_is_waited_for_when_it_is_released_soon()
    {
        var held = OutputLock.Acquire(_f.Out);
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            held.Dispose();
        });
        using var taken = OutputLock.Acquire(_f.Out);
        await release;
    }

    /// <summary>
    /// A child process started while a run holds its files open (another thread's codec worker, OCR or test tool) must not
    /// keep any of them: an inherited lock would outlive the run, and a later run on the same folder would be refused.
    /// Every such file is opened close-on-exec; this looks at what a started child actually holds (/proc/PID/fd).
    /// </summary>
    [Fact]
    public void A_child_started_while_a_run_holds_its_files_inherits_none_of_them()
    {
        using var whole = OutputLock.Acquire(_f.P("whole"));
        using var shard = OutputLock.AcquireShard(_f.Out, "shard-0-of-2");
        using var ledger = new Ledger(_f.Out, enabled: true);
        using var report = new ReportWriter(_f.P("report.jsonl"));
        using var child = Start("sleep", "30");
        try
        {
            var held = Directory.GetFiles($"/proc/{child.Id}/fd").Select(fd => new FileInfo(fd).LinkTarget).ToList();
            Assert.NotEmpty(held); // its standard streams at least: the listing worked
            Assert.DoesNotContain(held, target => target is not null && target.StartsWith(_f.Root, StringComparison.Ordinal));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    /// <summary>Waits until another process holds the lock, probing with flock -n (which, unlike a run, writes nothing).</summary>
    private static void WaitUntilHeld(string lockFile)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = Start(ReferenceTool.Require("flock"), "-n", "-E", "9", lockFile, "true");
            probe.WaitForExit();
            if (probe.ExitCode == 9) return;
            Thread.Sleep(50);
        }

        Assert.Fail("the holder process never took the lock");
    }

    private static Process Start(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
