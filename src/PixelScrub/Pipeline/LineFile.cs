using System.Text;

namespace PixelScrub.Pipeline;

/// <summary>
/// An append-only file of text lines that never holds a partial line: each line is written with one write call
/// (unbuffered), and when a write fails (disk full, I/O error) the file is cut back to the end of the last whole line.
/// Used for the report and the resume ledger. Thread-safe.
/// </summary>
internal sealed class LineFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private long _length;

    public LineFile(string path, bool append)
    {
        _stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _length = _stream.Length;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Lines that could not be written (the file stays whole lines).</summary>
    public int Lost { get; private set; }

    /// <summary>The first write error, for the summary.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Appends one line; returns null, or why it could not be written.</summary>
    public string? Append(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            try
            {
                _stream.Write(bytes);
                _length += bytes.Length;
                return null;
            }
            catch (IOException ex)
            {
                try
                {
                    _stream.SetLength(_length);
                    _stream.Seek(_length, SeekOrigin.Begin);
                }
                catch (IOException)
                {
                    // cutting back needs no space; if even that fails the next write tries again
                }

                Lost++;
                FirstError ??= ex.Message;
                return ex.Message;
            }
        }
    }

    /// <summary>Makes the lines written so far durable (fsync); a failure is recorded like a lost line's.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            try
            {
                _stream.Flush(flushToDisk: true);
            }
            catch (IOException ex)
            {
                FirstError ??= ex.Message;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // nothing is buffered: every line was written (or cut back) by Append
        }
    }
}
