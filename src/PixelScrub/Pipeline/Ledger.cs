using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace PixelScrub.Pipeline;

/// <summary>
/// Remembers finished files so an interrupted batch resumes: one JSON line per file (relative path, SHA-256 of the input,
/// destination, status), appended after the destination is renamed into place and made durable: entries wait in
/// <see cref="Pending"/> until the batch's <see cref="Checkpoint"/> has synced the file system, then are committed. A line cut short by a kill
/// is ignored on the next run, so that file is simply done again. Entries also carry the output settings that change
/// what is written (the transcode stage): a file done under other settings is done again.
/// </summary>
internal sealed class Ledger : IDisposable
{
    public const string FileName = ".pixelscrub-ledger.jsonl";

    /// <summary>The longest ledger line read (an entry is two paths, a hash and a status).</summary>
    public const int MaxLineChars = 64 << 10;

    private readonly ConcurrentDictionary<string, Entry> _done = new(StringComparer.Ordinal);
    private readonly LineFile? _writer;
    private readonly ConcurrentQueue<Entry> _pending = new();

    public sealed record Entry(string Path, string Sha256, string Destination, string Status, string? Settings = null);

    /// <param name="fileName">The ledger's name in OUT (a shard has its own: ".pixelscrub-ledger.shard-K-of-N.jsonl").</param>
    public Ledger(string outputDirectory, bool enabled, string fileName = FileName)
    {
        if (!enabled) return;
        Directory.CreateDirectory(outputDirectory);
        var path = System.IO.Path.Combine(outputDirectory, fileName);
        if (File.Exists(path))
        {
            using var lines = BoundedLineReader.Open(path, MaxLineChars, n => new BatchSetupException(
                $"{path}:{n}: a line longer than {BoundedLineReader.Size(MaxLineChars)}; resume ledger lines above {BoundedLineReader.Size(MaxLineChars)} are refused (not a ledger PixelScrub wrote: delete it, or use another OUT)"));
            while (lines.ReadLine() is { } line)
            {
                if (lines.Line > Shards.Manifest.MaxFiles)
                {
                    throw new BatchSetupException(
                        $"{path}:{lines.Line}: the resume ledger has more than {Shards.Manifest.MaxFiles.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} lines; larger ledgers are refused (delete it, or use another OUT)");
                }

                try
                {
                    var e = JsonSerializer.Deserialize(line, PipelineJson.Default.LedgerEntry);
                    if (e is not null) _done[e.Path] = e;
                }
                catch (JsonException)
                {
                    // a line cut short by a killed process: that file is done again
                }
            }
        }

        _writer = new LineFile(path, append: true);
    }

    /// <summary>
    /// The output settings of this run, as one key (<see cref="Stages.FilePipeline"/> combines every stage's
    /// <see cref="Stages.IFileStage.SettingsKey"/>); set before the first file. Null: none beyond the defaults.
    /// </summary>
    public string? Settings { get; set; }

    public bool Enabled => _writer is not null;

    /// <summary>True when an earlier run recorded this file (done or not under this run's settings and content).</summary>
    public bool HasEntry(string relative) => _done.ContainsKey(relative);

    /// <summary>True when the file was finished before with the same content and settings, and its destination still exists.</summary>
    public bool IsDone(string relative, string sha256, out Entry? entry)
    {
        entry = null;
        if (!_done.TryGetValue(relative, out var e) || e.Sha256 != sha256 || e.Settings != Settings || !File.Exists(e.Destination)) return false;
        entry = e;
        return true;
    }

    /// <summary>Records a finished file: pending until the next checkpoint has made its output durable (<see cref="Commit"/>).</summary>
    public void Record(string relative, string sha256, string destination, FileStatus status)
    {
        if (_writer is null) return;
        _pending.Enqueue(new Entry(relative, sha256, destination, status.ToString(), Settings));
    }

    /// <summary>Entries recorded and not yet committed.</summary>
    public int Pending => _pending.Count;

    /// <summary>Lines that could not be written (disk full): those files are done again by a rerun.</summary>
    public int Lost => _writer?.Lost ?? 0;

    /// <summary>
    /// Writes the first <paramref name="count"/> pending entries (their outputs are durable now), each as one whole line,
    /// then makes the ledger durable. An entry that cannot be written is not counted done: a rerun does that file again.
    /// </summary>
    public void Commit(int count)
    {
        if (_writer is null) return;
        for (int i = 0; i < count && _pending.TryDequeue(out var e); i++)
        {
            if (_writer.Append(JsonSerializer.Serialize(e, PipelineJson.Default.LedgerEntry)) is null) _done[e.Path] = e;
        }

        _writer.Sync();
    }

    /// <summary>Drops the first <paramref name="count"/> pending entries (their sync failed: a rerun does them again).</summary>
    public void Discard(int count)
    {
        for (int i = 0; i < count && _pending.TryDequeue(out _); i++)
        {
        }
    }

    public static string Sha256Of(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    /// <summary>The SHA-256 (lower-case hex) of a text's UTF-8 bytes: how a stage's settings (its rules, a user file's
    /// text) become part of the ledger's key, so a changed setting redoes the files.</summary>
    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public void Dispose() => _writer?.Dispose();
}
