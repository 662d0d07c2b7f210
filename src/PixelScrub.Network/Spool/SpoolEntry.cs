namespace PixelScrub.Network.Spool;

/// <summary>One object being received into the spool: write the data set to <see cref="Stream"/>, then Commit or Abort.</summary>
internal sealed class SpoolEntry(IncomingSpool spool, string sopInstance, string tempPath, FileStream stream) : IDisposable
{
    private bool _done;

    public string SopInstanceUid => sopInstance;
    public Stream Stream => stream;
    public long Length => stream.Length;

    /// <summary>Flushes to disk and renames into incoming/ (replacing an unprocessed copy of the same instance); returns the path.</summary>
    public string Commit(Action<Action>? underLock = null)
    {
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        var dest = spool.PathFor(sopInstance);
        void Move()
        {
            File.Move(tempPath, dest, overwrite: true);
            DirectorySync.Flush(spool.Incoming);
        }

        if (underLock is null) Move();
        else underLock(Move);
        _done = true;
        return dest;
    }

    /// <summary>Discards the partial object.</summary>
    public void Abort()
    {
        if (_done) return;
        _done = true;
        stream.Dispose();
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // swept at the next start
        }
    }

    public void Dispose() => Abort();
}
