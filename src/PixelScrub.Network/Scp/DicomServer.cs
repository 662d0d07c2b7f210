using System.Net.Sockets;
using System.Text.RegularExpressions;
using PixelScrub.Network.Dimse;
using PixelScrub.Network.Spool;
using PixelScrub.Network.Upper;

namespace PixelScrub.Network.Scp;

/// <summary>
/// The SCP: accepts connections (at most <see cref="DicomServerOptions.MaxAssociations"/> served at once, the rest wait),
/// negotiates, answers C-ECHO, and receives C-STORE into the durable spool before answering success. A connection that
/// misbehaves (malformed or oversized PDU, a sender too slow, an abort mid-transfer) is aborted and its partial object
/// deleted; the others go on.
/// </summary>
internal sealed partial class DicomServer : IDisposable
{
    private readonly DicomServerOptions _options;
    private readonly IStoreTarget _target;
    private readonly NodeLog _log;
    private readonly TcpListener _listener;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private readonly Lock _gate = new();
    private Thread? _acceptor;
    private int _active;

    public DicomServer(DicomServerOptions options, IStoreTarget target, NodeLog log)
    {
        _options = options;
        _target = target;
        _log = log;
        _slots = new SemaphoreSlim(options.MaxAssociations, options.MaxAssociations);
        _listener = new TcpListener(options.Address, options.Port);
    }

    /// <summary>The port listened on (the one chosen when 0 was asked).</summary>
    public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

    public int ActiveAssociations => Volatile.Read(ref _active);

    public void Start()
    {
        _listener.Start(64);
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "dicom-accept" };
        _acceptor.Start();
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _slots.Wait(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                _slots.Release();
                if (_stop.IsCancellationRequested) return;
                continue;
            }

            var thread = new Thread(() => Serve(client)) { IsBackground = true, Name = "dicom-association" };
            lock (_gate)
            {
                _threads.RemoveAll(t => !t.IsAlive);
                _threads.Add(thread);
            }

            thread.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        Interlocked.Increment(ref _active);
        string peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            client.NoDelay = true;
            using var pdus = new PduStream(client.GetStream(), _options.Limits);
            var outcome = AssociationAcceptor.Accept(pdus, _options.Policy);
            if (outcome.Association is null)
            {
                _log.Write("refused", ("peer", peer), ("calling", outcome.Request?.CallingAe), ("reason", outcome.Refusal));
                Linger(client);
                return;
            }

            var a = outcome.Association;
            _log.Write("associated", ("peer", peer), ("calling", a.CallingAe), ("contexts", a.Accepted.Count),
                ("implementation", outcome.Request?.ImplementationClassUid), ("version", outcome.Request?.ImplementationVersion),
                ("user", outcome.Request?.UserIdentity is { Type: 1 or 2 } id ? System.Text.Encoding.UTF8.GetString(id.Primary) : null));
            Run(a, peer);
        }
        catch (DicomNetworkException ex)
        {
            _log.Write("aborted", ("peer", peer), ("reason", ex.Message));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _log.Write("aborted", ("peer", peer), ("reason", ex.Message));
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref _active);
            _slots.Release();
        }
    }

    private void Run(Association a, string peer)
    {
        int stored = 0;
        while (true)
        {
            SpoolEntry? entry = null;
            ushort refusal = 0;
            string? refusalText = null;
            DimseMessage? msg;
            try
            {
                msg = a.Receive((cmd, contextId) =>
                {
                    if (cmd.Field != CommandField.CStoreRequest) return Stream.Null;
                    (refusal, refusalText) = Check(a, cmd, contextId);
                    if (refusal != 0) return Stream.Null;
                    try
                    {
                        entry = _target.Begin(cmd.String(CommandSet.AffectedSopClassUid)!, cmd.String(CommandSet.AffectedSopInstanceUid)!,
                            a.Accepted[contextId].TransferSyntax, a.CallingAe);
                        return entry.Stream;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        (refusal, refusalText) = (DimseStatus.OutOfResources, SpoolRefusal(ex));
                        return Stream.Null;
                    }
                });
            }
            catch (Exception ex) when (ex is DicomNetworkException or IOException or UnauthorizedAccessException)
            {
                entry?.Abort();
                if (ex is not DicomNetworkException) a.Abort(2, 0);
                _log.Write("aborted", ("peer", peer), ("calling", a.CallingAe), ("stored", stored), ("reason", ex.Message));
                return;
            }

            if (msg is null)
            {
                _log.Write("released", ("peer", peer), ("calling", a.CallingAe), ("stored", stored));
                return;
            }

            var cmd = msg.Command;
            switch (cmd.Field)
            {
                case CommandField.CEchoRequest:
                    a.Send(msg.ContextId, Response(cmd, CommandField.CEchoResponse, DimseStatus.Success, null));
                    break;
                case CommandField.CStoreRequest:
                    if (!msg.HadDataSet) (refusal, refusalText) = (DimseStatus.CannotUnderstand, "C-STORE-RQ without a data set");
                    ushort status = refusal;
                    long bytes = entry?.Length ?? 0;
                    if (status == 0 && entry is not null)
                    {
                        try
                        {
                            _target.Commit(entry, a.CallingAe);
                            stored++;
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                        {
                            entry.Abort();
                            (status, refusalText) = (DimseStatus.OutOfResources, SpoolRefusal(ex));
                        }
                    }

                    var uid = cmd.String(CommandSet.AffectedSopInstanceUid);
                    if (status == 0) _log.Write("received", ("calling", a.CallingAe), ("sopInstance", uid), ("bytes", bytes));
                    else _log.Write("store-refused", ("calling", a.CallingAe), ("sopInstance", uid), ("status", $"0x{status:X4}"), ("reason", refusalText));
                    a.Send(msg.ContextId, Response(cmd, CommandField.CStoreResponse, status, refusalText));
                    break;
                default:
                    a.Abort(0, 0);
                    _log.Write("aborted", ("peer", peer), ("calling", a.CallingAe), ("reason", $"unsupported DIMSE command 0x{cmd.Field:X4}"));
                    return;
            }
        }
    }

    /// <summary>The checks before a C-STORE data set is spooled (PS3.4 B.2.3 statuses).</summary>
    private static (ushort, string?) Check(Association a, CommandSet cmd, byte contextId)
    {
        var sopClass = cmd.String(CommandSet.AffectedSopClassUid);
        var sopInstance = cmd.String(CommandSet.AffectedSopInstanceUid);
        if (sopClass is null || sopInstance is null) return (DimseStatus.CannotUnderstand, "C-STORE-RQ without Affected SOP Class or Instance UID");
        if (!a.AbstractSyntaxes.TryGetValue(contextId, out var abstractSyntax) || abstractSyntax != sopClass)
        {
            return (DimseStatus.DataSetDoesNotMatch, $"SOP class {sopClass} sent on the context for {abstractSyntax}");
        }

        // The instance UID names the spool file: only a valid UID (digits and dots, PS3.5 9.1) is taken, so no request can name a path.
        if (sopInstance.Length > 64 || !UidPattern().IsMatch(sopInstance)) return (DimseStatus.CannotUnderstand, $"Affected SOP Instance UID \"{sopInstance}\" is not a valid UID");
        return (0, null);
    }

    private static CommandSet Response(CommandSet rq, ushort field, ushort status, string? comment)
    {
        var rsp = new CommandSet().Set(CommandSet.CommandFieldTag, field)
            .Set(CommandSet.MessageIdBeingRespondedTo, rq.UInt16(CommandSet.MessageId) ?? 0)
            .Set(CommandSet.CommandDataSetType, CommandSet.NoDataSet).Set(CommandSet.Status, status);
        if (rq.String(CommandSet.AffectedSopClassUid) is { } c) rsp.Set(CommandSet.AffectedSopClassUid, c);
        if (rq.String(CommandSet.AffectedSopInstanceUid) is { } i && field == CommandField.CStoreResponse) rsp.Set(CommandSet.AffectedSopInstanceUid, i);
        if (comment is not null && status != 0) rsp.Set(CommandSet.ErrorComment, comment.Length > 64 ? comment[..64] : comment, uid: false);
        return rsp;
    }

    /// <summary>After a reject or abort: give the peer the ARTIM time to read it and close (PS3.8 9.1.5), then close ourselves.</summary>
    private void Linger(TcpClient client)
    {
        try
        {
            client.Client.Shutdown(SocketShutdown.Send);
            client.Client.ReceiveTimeout = (int)Math.Min(_options.Limits.Artim.TotalMilliseconds, 2000);
            var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(client.Client.ReceiveTimeout);
            var sink = new byte[256];
            while (DateTime.UtcNow < until && client.Client.Receive(sink) > 0) { }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // closed or timed out: either way we are done
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$")]
    private static partial Regex UidPattern();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Thread[] threads;
        lock (_gate) threads = [.. _threads];
        foreach (var t in threads) t.Join(TimeSpan.FromSeconds(5));
        _acceptor?.Join(TimeSpan.FromSeconds(5));
        _slots.Dispose();
        _stop.Dispose();
    }

    /// <summary>The Out of Resources comment for a spool failure: a full spool says why itself; an I/O error is named as the spool's.</summary>
    private static string SpoolRefusal(Exception ex) => ex is SpoolFullException ? ex.Message : $"spool: {ex.Message}";
}
