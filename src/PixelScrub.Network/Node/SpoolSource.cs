using System.Collections.Concurrent;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Sources;

namespace PixelScrub.Network.Node;

/// <summary>
/// The network source of the pipeline: objects made durable in the spool's incoming/ folder, queued as they arrive
/// (and, at start, those a previous run left there). Each is named by its SOP Instance UID, so the output mirrors
/// UID.dcm. <see cref="Files"/> blocks until the next object or <see cref="Complete"/>; several workers share it.
/// </summary>
internal sealed class SpoolSource : IInputSource
{
    private readonly BlockingCollection<string> _queue = new(new ConcurrentQueue<string>());
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public int Pending => _queue.Count;

    /// <summary>Queues a spooled object unless it is already waiting (a re-sent instance replaces the file, not the slot).</summary>
    public void Add(string path)
    {
        if (!_queued.TryAdd(path, 0)) return;
        try
        {
            _queue.Add(path);
        }
        catch (InvalidOperationException)
        {
            // Stopping: the object is durable in incoming/ and is picked up at the next start.
        }
    }

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
