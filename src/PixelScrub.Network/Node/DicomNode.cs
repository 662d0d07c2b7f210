using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Network.Scp;
using PixelScrub.Network.Spool;
using PixelScrub.Network.Upper;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sinks;
using PixelScrub.Pipeline.Stages;

namespace PixelScrub.Network.Node;

/// <summary>
/// `pixelscrub listen`: a DICOM node as CTP runs one. The SCP receives objects into the durable spool and acknowledges
/// them; workers take each through the same stages as `clean` (read header, rules, decide, pixel clean, ...) from the
/// spool source into the output folder or the forward queue, quarantining with sidecars as `clean` does; the forwarder
/// sends the queue by C-STORE. An object leaves incoming/ only once its output (or quarantined copy) is on disk, so a
/// kill at any point loses nothing acknowledged; outputs are named by SOP Instance UID and forwarding is recorded per UID,
/// so a restart delivers nothing twice.
/// </summary>
public sealed class DicomNode : IDisposable
{
    private const string VerificationSopClass = "1.2.840.10008.1.1";
    private const string StoragePrefix = "1.2.840.10008.5.1.4.1.1.";
    private static readonly string[] Preferred = [TransferSyntax.ExplicitVRLittleEndian.Uid, TransferSyntax.ImplicitVRLittleEndian.Uid];

    private readonly NodeOptions _options;
    private readonly IncomingSpool _spool;
    private readonly SpoolSource _source = new();
    private readonly EncapsulatedCleaners _cleaners;
    private readonly ReportWriter _report;
    private readonly PixelScrub.Text.TextService? _text;
    private readonly ForwardQueue? _forward;
    private readonly FilePipeline _pipeline;
    private readonly DicomServer _server;
    private readonly Thread[] _workers;
    private readonly object[] _locks = Enumerable.Range(0, 256).Select(_ => new object()).ToArray();
    private readonly string _outputDirectory;
    private volatile bool _stopping;

    private DicomNode(NodeOptions options, NodeLog log)
    {
        _options = options;
        Log = log;
        var batch = options.Pipeline;
        _outputDirectory = Path.GetFullPath(batch.OutputDirectory);
        var quarantine = Path.GetFullPath(batch.ResolvedQuarantine);
        Directory.CreateDirectory(_outputDirectory);
        AtomicFile.SweepLeftovers(batch.StagingDirectory);
        AtomicFile.SweepLeftovers(_outputDirectory);
        AtomicFile.SweepLeftovers(quarantine);
        _spool = new IncomingSpool(options.SpoolDirectory);
        _cleaners = new EncapsulatedCleaners(batch.NativeWorker);
        _report = new ReportWriter(batch.ResolvedReport, append: true);
        IOutputSink sink = new FolderSink(_outputDirectory, batch.StagingDirectory);
        if (options.Forward is { } peer)
        {
            _forward = new ForwardQueue(_outputDirectory, _spool.Root, peer, options, log, Counters);
            sink = new ForwardQueueSink(sink, _forward);
        }

        // Text in the pixels as `clean` reads it (verify by default; none with --text off).
        _text = batch.Text.Mode == PixelScrub.Text.TextMode.Off ? null : new PixelScrub.Text.TextService(batch.TextJudge, batch.NativeWorker);
        var built = PipelineBuilder.Build(batch, new DicomPixelCleaner(_cleaners.All), _cleaners.Transcoder, _text, ledger: null, sink,
            new QuarantineFolderSink(quarantine, batch.StagingDirectory));
        var stages = built.Stages.ToList();
        int afterRead = stages.FindIndex(s => s is ReadHeaderStage) + 1;
        stages.Insert(afterRead, new SyntaxGateStage(Cleanable));
        _pipeline = new FilePipeline(stages, new QuarantineFolderSink(quarantine, batch.StagingDirectory), null);

        _server = new DicomServer(new DicomServerOptions
        {
            Address = options.Address, Port = options.Port, Limits = options.Limits, MaxAssociations = options.MaxAssociations,
            Policy = new AcceptorPolicy { AeTitle = options.AeTitle, AllowedCallingAes = options.AllowedCallingAes.ToHashSet(StringComparer.Ordinal), Choose = Choose },
        }, new Target(this), log);
        _workers = Enumerable.Range(0, Math.Max(1, batch.Jobs)).Select(i => new Thread(Work) { IsBackground = true, Name = $"node-worker-{i}" }).ToArray();
    }

    public NodeLog Log { get; }

    public NodeCounters Counters { get; } = new();

    /// <summary>The port listened on.</summary>
    public int Port => _server.Port;

    /// <summary>Objects received and not yet cleaned.</summary>
    public int Pending => _source.Pending;

    /// <summary>Objects waiting to be forwarded (0 without --forward).</summary>
    public int Outgoing => _forward?.Waiting ?? 0;

    /// <summary>Starts serving: recovers what a previous run left in the spool, then listens.</summary>
    public static DicomNode Start(NodeOptions options, NodeLog log)
    {
        var node = new DicomNode(options, log);
        try
        {
            foreach (var path in node._spool.Pending()) node._source.Add(path);
            foreach (var w in node._workers) w.Start();
            node._forward?.Start();
            node._server.Start();
        }
        catch
        {
            node.Dispose();
            throw;
        }

        log.Write("listening", ("address", options.Address.ToString()), ("port", node.Port), ("ae", options.AeTitle),
            ("recovered", node._source.Pending), ("forward", options.Forward?.ToString()), ("output", options.Forward is null ? node._outputDirectory : null));
        return node;
    }

    /// <summary>Waits until everything received is cleaned and (with --forward) forwarded or set aside; false on timeout.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Pending == 0 && _server.ActiveAssociations == 0 && (_forward is null || _forward.Idle)) return true;
            Thread.Sleep(50);
        }

        return false;
    }

    /// <summary>The negotiation policy: storage SOP classes and Verification; transfer syntaxes PixelScrub can clean preferred.</summary>
    private PresentationContextResult Choose(PresentationContextRequest pc)
    {
        if (pc.AbstractSyntax == VerificationSopClass)
        {
            var ts = pc.TransferSyntaxes.FirstOrDefault(Preferred.Contains);
            return ts is null ? Refuse(pc, PresentationContextResult.TransferSyntaxesNotSupported) : new(pc.Id, 0, ts);
        }

        if (!pc.AbstractSyntax.StartsWith(StoragePrefix, StringComparison.Ordinal)) return Refuse(pc, PresentationContextResult.AbstractSyntaxNotSupported);
        // The sender lists its syntaxes in its order of preference (a compressed object's own syntax first): take the first
        // one PixelScrub can clean, so nothing is transcoded on the way in.
        var chosen = pc.TransferSyntaxes.FirstOrDefault(t => Cleanable(TransferSyntax.FromUid(t)))
            ?? (_options.RefuseUncleanable ? null : pc.TransferSyntaxes[0]);
        return chosen is null ? Refuse(pc, PresentationContextResult.TransferSyntaxesNotSupported) : new(pc.Id, 0, chosen);
    }

    private static PresentationContextResult Refuse(PresentationContextRequest pc, byte result) => new(pc.Id, result, pc.TransferSyntaxes[0]);

    /// <summary>Native pixel data, or an encapsulated syntax with a cleaner (JPEG DCT domain or a frame codec).</summary>
    private bool Cleanable(TransferSyntax ts) => ts.IsKnown && (!ts.IsEncapsulated || _cleaners.All.Any(c => c.Handles(ts)));

    private object LockFor(string path) => _locks[(StringComparer.Ordinal.GetHashCode(Path.GetFileName(path)) & 0x7FFFFFFF) % _locks.Length];

    private void Work()
    {
        foreach (var input in _source.Files())
        {
            try
            {
                lock (LockFor(input.FullPath)) Process(input);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The report or the spool folder failed: the object stays in incoming/ and is tried again later.
                Log.Write("kept-in-spool", ("sopInstance", Path.GetFileNameWithoutExtension(input.FullPath)), ("reason", ex.Message));
                RetryLater(input.FullPath);
            }
            finally
            {
                _source.Done();
            }

            if (_stopping) return;
        }
    }

    /// <summary>Queues an object kept in incoming/ again after the forward retry's longest wait (it is durable there meanwhile).</summary>
    private void RetryLater(string path)
    {
        if (_stopping) return;
        _ = Task.Delay(_options.RetryMax).ContinueWith(_ =>
        {
            if (!_stopping && File.Exists(path)) _source.Add(path);
        }, TaskScheduler.Default);
    }

    private void Process(InputFile input)
    {
        if (!File.Exists(input.FullPath)) return;
        var outcome = _pipeline.Process(input);
        _report.Write(outcome);
        switch (outcome.Status)
        {
            case FileStatus.Cleaned: Interlocked.Increment(ref Counters.CleanedCount); break;
            case FileStatus.Quarantined: Interlocked.Increment(ref Counters.QuarantinedCount); break;
            case FileStatus.Failed: Interlocked.Increment(ref Counters.FailedCount); break;
            default: Interlocked.Increment(ref Counters.PassedCount); break;
        }

        if (outcome.Output is null)
        {
            // Neither delivered nor quarantined (the quarantine folder failed): keep it in the spool and try again later.
            Log.Write("kept-in-spool", ("sopInstance", Path.GetFileNameWithoutExtension(input.FullPath)), ("reason", outcome.Reason ?? string.Join("; ", outcome.Notes)));
            RetryLater(input.FullPath);
            return;
        }

        // The output (or quarantined copy) is renamed into place; flush its folder before the spool entry goes.
        DirectorySync.Flush(Path.GetDirectoryName(outcome.Output)!);
        File.Delete(input.FullPath);
        DirectorySync.Flush(_spool.Incoming);
        Log.Write("processed", ("sopInstance", Path.GetFileNameWithoutExtension(input.FullPath)), ("status", outcome.Status.ToString().ToLowerInvariant()),
            ("output", outcome.Output), ("reason", outcome.Reason));
    }

    /// <summary>
    /// Why the spool cannot take another object now (null: it can): too many objects held in the spool in all (waiting to
    /// be cleaned, or cleaned and waiting to be forwarded: a peer that is down fills outgoing/), or too little free disk
    /// space left beside it. Neither clears by itself while the peer is down, so an object is refused after the hold limit.
    /// </summary>
    private string? SpoolFull()
    {
        int held = _source.Pending + Outgoing;
        if (held >= _options.MaxSpooled) return $"{held} objects held in the spool (limit {_options.MaxSpooled})";
        long free = FreeBytes();
        if (free < _options.MinFreeBytes) return $"{free / 1_000_000} MB free beside the spool (at least {_options.MinFreeBytes / 1_000_000} MB wanted)";
        return null;
    }

    private long FreeBytes()
    {
        try
        {
            return new DriveInfo(_spool.Root).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return long.MaxValue; // unknown: the write itself fails if the disk is full, and the object is refused then
        }
    }

    private sealed class Target(DicomNode node) : IStoreTarget
    {
        public SpoolEntry Begin(string sopClass, string sopInstance, string transferSyntax, string callingAe)
        {
            // Refuse before reading a data set the disk has no room for (the C-STORE gets Out of Resources, PS3.4 B.2.3).
            long free = node.FreeBytes();
            if (free < node._options.MinFreeBytes) throw new SpoolFullException($"spool full: {free / 1_000_000} MB free (at least {node._options.MinFreeBytes / 1_000_000} MB wanted)");
            return node._spool.Begin(sopClass, sopInstance, transferSyntax, callingAe);
        }

        public void Commit(SpoolEntry entry, string callingAe)
        {
            // Back-pressure: hold the C-STORE response while too much waits to be cleaned (the workers always make progress,
            // so this clears), and while the spool is full; refuse the object (Out of Resources) if the spool stays full for
            // the hold limit, so no sender is held forever and the spool stays bounded.
            while (node._source.Pending >= node._options.MaxPending && !node._stopping) Thread.Sleep(20);
            var until = DateTime.UtcNow + node._options.HoldLimit;
            for (var why = node.SpoolFull(); why is not null; why = node.SpoolFull())
            {
                if (node._stopping || DateTime.UtcNow >= until) throw new SpoolFullException($"spool full: {why}");
                Thread.Sleep(20);
            }

            long bytes = entry.Length;
            var path = node._spool.PathFor(entry.SopInstanceUid);
            entry.Commit(move =>
            {
                lock (node.LockFor(path))
                {
                    move();
                    node._source.Add(path);
                }
            });
            Interlocked.Increment(ref node.Counters.ReceivedCount);
            Interlocked.Add(ref node.Counters.ReceivedBytesCount, bytes);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _server.Dispose();
        _source.Complete();
        foreach (var w in _workers)
        {
            if (w.IsAlive) w.Join(TimeSpan.FromSeconds(30));
        }

        _forward?.Dispose();
        _report.Dispose();
        _text?.Dispose();
        _cleaners.Dispose();
        Log.Write("stopped");
    }
}
