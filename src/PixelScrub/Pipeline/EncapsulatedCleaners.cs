using System.Collections.Concurrent;
using PixelScrub.Cleaning;
using PixelScrub.Codecs;
using PixelScrub.Codecs.Native;

namespace PixelScrub.Pipeline;

/// <summary>
/// The encapsulated-pixel-data cleaners, registered explicitly by transfer syntax (no reflection): JPEG Baseline and
/// Extended in the DCT domain, then every syntax with a frame codec. Native libraries (CharLS, OpenJPEG) run in worker
/// processes when a worker command is given, so a library fault fails one file, not the run.
/// </summary>
internal sealed class EncapsulatedCleaners : IDisposable
{
    private readonly ConcurrentBag<(FrameCodecRegistry Registry, NativeCodecClient? Client)> _idle = [];
    private readonly ConcurrentBag<NativeCodecClient> _clients = [];
    private readonly Dictionary<FrameCodecRegistry, NativeCodecClient?> _owner = [];
    private readonly Lock _gate = new();
    private readonly NativeWorkerCommand? _worker;

    public EncapsulatedCleaners(NativeWorkerCommand? worker)
    {
        _worker = worker;
        All = [new JpegDctCleaner(), new CodecCleaner(Rent, Return)];
        Transcoder = new Transcoder(Rent, Return);
    }

    /// <summary>Transcodes with the same codecs (and worker processes) as the cleaners.</summary>
    public Transcoder Transcoder { get; }

    /// <summary>In-process codecs, for library callers that do not start worker processes.</summary>
    public static EncapsulatedCleaners InProcess { get; } = new(null);

    public IReadOnlyList<IEncapsulatedCleaner> All { get; }

    private FrameCodecRegistry Rent()
    {
        if (_idle.TryTake(out var idle)) return idle.Registry;
        NativeCodecClient? client = null;
        if (_worker is not null)
        {
            client = new NativeCodecClient(_worker.FileName, _worker.Arguments);
            _clients.Add(client);
        }

        var registry = FrameCodecRegistry.CreateDefault(client);
        lock (_gate) _owner[registry] = client;
        return registry;
    }

    private void Return(FrameCodecRegistry registry)
    {
        NativeCodecClient? client;
        lock (_gate) client = _owner[registry];
        _idle.Add((registry, client));
    }

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
    }
}

/// <summary>The command that starts a native codec worker process (e.g. `pixelscrub __codec-worker`).</summary>
public sealed record NativeWorkerCommand(string FileName, IReadOnlyList<string> Arguments);
