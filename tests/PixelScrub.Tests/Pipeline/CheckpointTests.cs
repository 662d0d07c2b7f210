using PixelScrub.Pipeline;

namespace PixelScrub.Tests.Pipeline;

/// <summary>The durability policy: ledger lines are written only after the sync that makes their outputs durable.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixelscrub-checkpoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    private string LedgerText() => File.ReadAllText(Path.Combine(_root, Ledger.FileName));

    [Fact]
    public void Ledger_lines_wait_for_the_checkpoint_sync()
    {
        using var ledger = new Ledger(_root, enabled: true);
        var checkpoint = new Checkpoint(ledger, [_root]);
        var output = Path.Combine(_root, "a.dcm");
        File.WriteAllBytes(output, [1, 2, 3]);
        ledger.Record("a.dcm", "00", output, FileStatus.Passed);
        checkpoint.FileFinished(); // not due yet (one file, well under the interval)
        Assert.Equal(1, ledger.Pending);
        Assert.Equal("", LedgerText());

        checkpoint.Run();
        Assert.Equal(0, ledger.Pending);
        Assert.Contains("\"a.dcm\"", LedgerText());
        Assert.Equal(0, checkpoint.Failures);
    }

    [Fact]
    public void A_checkpoint_is_due_every_so_many_files()
    {
        using var ledger = new Ledger(_root, enabled: true);
        var checkpoint = new Checkpoint(ledger, [_root]);
        for (int i = 0; i < Checkpoint.EveryFiles; i++)
        {
            ledger.Record($"f{i}", "00", _root, FileStatus.Passed);
            checkpoint.FileFinished();
        }

        Assert.Equal(0, ledger.Pending);
        Assert.Equal(Checkpoint.EveryFiles, File.ReadAllLines(Path.Combine(_root, Ledger.FileName)).Length);
    }

    [Fact]
    public void Entries_recorded_after_the_sync_began_stay_pending()
    {
        using var ledger = new Ledger(_root, enabled: true);
        ledger.Record("first", "00", _root, FileStatus.Passed);
        int before = ledger.Pending;
        ledger.Record("second", "00", _root, FileStatus.Passed);
        ledger.Commit(before);
        Assert.Contains("\"first\"", LedgerText());
        Assert.DoesNotContain("\"second\"", LedgerText());
        Assert.Equal(1, ledger.Pending);
    }
}
