using System.Diagnostics;

namespace PixelScrub.Pipeline;

/// <summary>
/// The batch's durability policy: outputs and quarantine copies are renamed into place without an fsync each; every
/// <see cref="EveryFiles"/> finished files or <see cref="EveryTime"/> (and at the end of the run) one file-system sync
/// of the output, quarantine and report folders makes them durable together, and only then are their ledger lines
/// written. So the ledger never names a file a power loss could still take away, and a rerun redoes anything after
/// the last checkpoint. One fsync per file costs more than the cleaning (BENCHMARKS.md); one sync per checkpoint
/// lets the file system write everything back in one go.
/// </summary>
internal sealed class Checkpoint(Ledger? ledger, IReadOnlyList<string> folders)
{
    public const int EveryFiles = 256;
    public static readonly TimeSpan EveryTime = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private int _finished;

    /// <summary>Syncs that failed (their files are not in the ledger, so a rerun does them again), and why the first did.</summary>
    public int Failures { get; private set; }

    public string? FirstError { get; private set; }

    /// <summary>Called after each finished file (its ledger entry already recorded); runs a checkpoint when one is due.</summary>
    public void FileFinished()
    {
        if (Interlocked.Increment(ref _finished) % EveryFiles != 0 && _since.Elapsed < EveryTime) return;
        Run();
    }

    /// <summary>Syncs, then commits the ledger entries recorded before the sync began.</summary>
    public void Run()
    {
        lock (_gate)
        {
            _since.Restart();
            int pending = ledger?.Pending ?? 0;
            if (FileSystemSync.Sync(folders) is { } error)
            {
                Failures++;
                FirstError ??= error;
                ledger?.Discard(pending);
                return;
            }

            ledger?.Commit(pending);
        }
    }
}
