using System.Collections.Concurrent;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sources;

namespace PixelScrub.Network.Node;

/// <summary>
/// The network source of the pipeline: objects made durable in the spool's incoming/ folder, queued as they arrive
/// (and, at start, those a previous run left there). Each is named by its SOP Instance UID, so the output mirrors
/// UID.dcm. <see cref="Files"/> blocks until the next object or <see cref="Complete"/>; several workers share it, and
/// each calls <see cref="Done"/> when it has finished with an object it took.
/// </summary>
internal sealed class SpoolSource : IInputSource
{
    private readonly BlockingCollection<string> _queue = new(new ConcurrentQueue<string>());
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    private int _outstanding;

    /// <summary>
    /// Objects queued or taken and not yet <see cref="Done"/>: counted from Add to Done, so an object a worker has just
    /// taken (between the queue and its processing) is never missed by a caller waiting for the node to be idle.
    /// </summary>
    public int Pending => Volatile.Read(ref _outstanding);

    /// <summary>Queues a spooled object unless it is already waiting (a re-sent instance replaces the file, not the slot).</summary>
    public void Add(string path)
    {
        if (!_queued.TryAdd(path, 0)) return;
        Interlocked.Increment(ref _outstanding);
        try
        {
            _queue.Add(path);
        }
        catch (InvalidOperationException)
        {
            // Stopping: the object is durable in incoming/ and is picked up at the next start.
            Interlocked.Decrement(ref _outstanding);
            _queued.TryRemove(path, out _);
        }
    }

    /// <summary>A worker has finished with an object it took from <see cref="Files"/> (processed, or left in incoming/).</summary>
    public void Done() => Interlocked.Decrement(ref _outstanding);

    public void Complete() => _queue.CompleteAdding();

    public IEnumerable<InputFile> Files()
    {
        foreach (var path in _queue.GetConsumingEnumerable())
        {
            _queued.TryRemove(path, out _);
            yield return new InputFile(path, Path.GetFileName(path));
        }
    }
}
