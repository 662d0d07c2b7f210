using System.Text;
using PixelScrub.Network.Scu;
using PixelScrub.Network.Spool;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Node;

/// <summary>
/// The on-disk forward queue: outgoing/UID.dcm files are sent by C-STORE in batches; each one the peer stores is added
/// to the forwarded ledger (one UID a line, flushed to disk) and then deleted, so a restart neither loses nor re-sends it.
/// The one object in flight when the node dies (sent, its response not yet recorded) is in doubt: it is sent again after
/// the restart, because losing it would be worse; a receiver keyed by SOP Instance UID (a PACS, storescp's default
/// naming) takes the repeat as the same object. The log's forward-sending lines name it.
/// A connection failure keeps the files and retries with doubling back-off; a file the peer refuses (a C-STORE error
/// status) moves to undeliverable/ with a .json note, so one bad object cannot block the queue. A peer that stops
/// answering is cut off by the association's time limits (<see cref="AssociationLimits.Idle"/>) and retried the same way.
/// The ledger stays bounded: at start, and whenever it reaches twice <see cref="NodeOptions.ForwardLedgerKeep"/> lines,
/// it is rewritten (temp file, fsync, rename) with the UIDs that still have a copy in incoming/ or outgoing/ (the only
/// ones a restart could send again) and the last ForwardLedgerKeep forwarded.
/// The objects waiting in outgoing/ are also kept as a set of names (listed from the folder once at start, then updated
/// as objects are queued, forwarded, skipped or set aside), so the node's spool bound costs no folder listing per object.
/// </summary>
internal sealed class ForwardQueue : IDisposable
{
    private const int BatchSize = 200;
    private readonly string _outgoing;
    private readonly string _undeliverable;
    private readonly string _ledgerPath;
    private readonly string _incoming;
    private readonly HashSet<string> _forwarded = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private FileStream _ledger;
    private readonly DicomAddress _peer;
    private readonly StoreScu _scu;
    private readonly NodeOptions _options;
    private readonly NodeLog _log;
    private readonly NodeCounters _counters;
    private readonly AutoResetEvent _wake = new(false);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private volatile bool _busy;

    public ForwardQueue(string outgoing, string spoolRoot, DicomAddress peer, NodeOptions options, NodeLog log, NodeCounters counters)
    {
        _outgoing = Path.GetFullPath(outgoing);
        _undeliverable = Path.Combine(spoolRoot, "undeliverable");
        _ledgerPath = Path.Combine(spoolRoot, "forwarded.txt");
        _incoming = Path.Combine(spoolRoot, "incoming");
        Directory.CreateDirectory(_outgoing);
        _peer = peer;
        _options = options;
        _log = log;
        _counters = counters;
        _scu = new StoreScu(options.AeTitle, options.Limits);
        if (File.Exists(_ledgerPath))
        {
            foreach (var line in File.ReadLines(_ledgerPath))
            {
                if (line.Length > 0 && _forwarded.Add(line)) _order.Add(line);
            }
        }

        _ledger = Compact();
        foreach (var f in Directory.EnumerateFiles(_outgoing, "*.dcm")) _waiting.Add(Path.GetFileName(f));
        _thread = new Thread(Loop) { IsBackground = true, Name = "dicom-forward" };
    }

    /// <summary>True while nothing waits in outgoing/ and no batch is being sent.</summary>
    public bool Idle => !_busy && Waiting == 0;

    /// <summary>Objects waiting in outgoing/ to be forwarded.</summary>
    public int Waiting
    {
        get
        {
            lock (_waiting) return _waiting.Count;
        }
    }

    /// <summary>An object was renamed into outgoing/ (called after the rename, so it is never counted before it is there).</summary>
    public void Queued(string path)
    {
        var full = Path.GetFullPath(path);
        if (!full.EndsWith(".dcm", StringComparison.Ordinal) || Path.GetDirectoryName(full) != _outgoing) return;
        lock (_waiting) _waiting.Add(Path.GetFileName(path));
    }

    /// <summary>
    /// An object left outgoing/ (forwarded, skipped, set aside). Checked under the lock, after the file went: a worker that
    /// renamed a new copy of the same UID into place meanwhile keeps it counted, whichever of the two came first.
    /// </summary>
    private void Left(string path)
    {
        lock (_waiting)
        {
            if (!File.Exists(path)) _waiting.Remove(Path.GetFileName(path));
        }
    }

    public void Start() => _thread.Start();

    public void Signal() => _wake.Set();

    private void Loop()
    {
        var delay = _options.RetryInitial;
        while (!_stop.IsCancellationRequested)
        {
            _busy = true;
            bool failed;
            try
            {
                failed = SendBatch(out bool any);
                if (!any)
                {
                    _busy = false;
                    WaitHandle.WaitAny([_wake, _stop.Token.WaitHandle], TimeSpan.FromSeconds(1));
                    continue;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PixelScrubException)
            {
                _log.Write("forward-error", ("reason", ex.Message));
                failed = true;
            }
            finally
            {
                _busy = false;
            }

            if (failed)
            {
                _log.Write("forward-retry", ("peer", _peer.ToString()), ("delaySeconds", delay.TotalSeconds));
                _stop.Token.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMax.Ticks));
            }
            else
            {
                delay = _options.RetryInitial;
            }
        }
    }

    /// <summary>Sends up to one batch; returns true when the connection failed (retry later).</summary>
    private bool SendBatch(out bool any)
    {
        var paths = new DirectoryInfo(_outgoing).EnumerateFiles("*.dcm").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(BatchSize).Select(f => f.FullName).ToList();
        any = paths.Count > 0;
        if (!any) return false;
        var files = new List<SendableFile>();
        foreach (var path in paths)
        {
            var uid = Path.GetFileNameWithoutExtension(path);
            if (_forwarded.Contains(uid))
            {
                // Delivered before a restart (or a re-sent instance): never twice.
                File.Delete(path);
                Left(path);
                _log.Write("forward-duplicate-skipped", ("sopInstance", uid));
                continue;
            }

            try
            {
                files.Add(SendableFile.Read(path));
            }
            catch (PixelScrubException ex)
            {
                MoveUndeliverable(path, ex.Message);
            }
        }

        bool connectionFailed = false;
        _scu.Send(_peer, files, r =>
        {
            var uid = Path.GetFileNameWithoutExtension(r.Path);
            if (r.Stored)
            {
                Record(uid);
                File.Delete(r.Path);
                Left(r.Path);
                Interlocked.Increment(ref _counters.ForwardedCount);
                Interlocked.Add(ref _counters.ForwardedBytesCount, r.Bytes);
                _log.Write("forwarded", ("sopInstance", uid), ("peer", _peer.ToString()), ("bytes", r.Bytes), ("status", r.Status is ushort s && s != 0 ? $"0x{s:X4}" : null));
            }
            else if (r.Status is not null || r.Error?.Contains("did not accept", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _counters.ForwardErrorCount);
                MoveUndeliverable(r.Path, r.Error ?? "refused");
            }
            else
            {
                connectionFailed = true;
                if (!_loggedError) _log.Write("forward-failed", ("sopInstance", uid), ("reason", r.Error));
                _loggedError = true;
            }
        }, _stop.Token, f => _log.Write("forward-sending", ("sopInstance", Path.GetFileNameWithoutExtension(f.Path))));
        _loggedError = false;
        return connectionFailed;
    }

    private bool _loggedError;

    private void Record(string uid)
    {
        if (_forwarded.Add(uid)) _order.Add(uid);
        _ledger.Write(Encoding.ASCII.GetBytes(uid + "\n"));
        _ledger.Flush(flushToDisk: true);
        if (_order.Count >= 2 * Math.Max(1, _options.ForwardLedgerKeep))
        {
            _ledger.Dispose();
            _ledger = Compact();
        }
    }

    /// <summary>Number of UIDs in the forwarded ledger.</summary>
    public int LedgerCount => _order.Count;

    /// <summary>
    /// Rewrites the ledger with the UIDs that still have a copy in the spool and the last ForwardLedgerKeep, and opens it for
    /// appending. incoming/ is listed before outgoing/: a worker renames an object's output into outgoing/ before it deletes
    /// the incoming copy, so an object moving between the two while they are listed is seen in one of them.
    /// </summary>
    private FileStream Compact()
    {
        int keep = Math.Max(1, _options.ForwardLedgerKeep);
        if (_order.Count > keep)
        {
            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in Directory.EnumerateFiles(_incoming, "*.dcm")) live.Add(Path.GetFileNameWithoutExtension(f));
            foreach (var f in Directory.EnumerateFiles(_outgoing, "*.dcm")) live.Add(Path.GetFileNameWithoutExtension(f));
            int before = _order.Count;
            var kept = _order.Where((uid, i) => i >= before - keep || live.Contains(uid)).ToList();
            var temp = _ledgerPath + ".compact";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var uid in kept) stream.Write(Encoding.ASCII.GetBytes(uid + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _ledgerPath, overwrite: true);
            DirectorySync.Flush(Path.GetDirectoryName(_ledgerPath)!);
            _order.Clear();
            _order.AddRange(kept);
            _forwarded.Clear();
            _forwarded.UnionWith(kept);
            _log.Write("forward-ledger-compacted", ("before", before), ("after", kept.Count));
        }

        return new FileStream(_ledgerPath, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    private void MoveUndeliverable(string path, string reason)
    {
        Directory.CreateDirectory(_undeliverable);
        var dest = Path.Combine(_undeliverable, Path.GetFileName(path));
        File.Move(path, dest, overwrite: true);
        Left(path);
        // Written with Utf8JsonWriter, not the reflection serializer, so the Native AOT build stays warning-free.
        using (var stream = File.Create(dest + ".json"))
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("file", dest);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        DirectorySync.Flush(_undeliverable);
        _log.Write("forward-refused", ("sopInstance", Path.GetFileNameWithoutExtension(path)), ("reason", reason));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Set();
        if (_thread.IsAlive && !_thread.Join(TimeSpan.FromSeconds(10)))
        {
            // Still in a C-STORE to a peer that has stopped answering (cut off by the association's time limit): leave the
            // ledger open for it to record an answer; the process is ending and the OS closes it.
            _log.Write("forward-stop-pending", ("peer", _peer.ToString()));
            return;
        }

        _ledger.Dispose();
        _wake.Dispose();
        _stop.Dispose();
    }
}
