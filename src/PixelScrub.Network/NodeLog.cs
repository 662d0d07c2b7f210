using System.Text;
using System.Text.Json;

namespace PixelScrub.Network;

/// <summary>
/// The node's JSONL log: one line per event (association accepted or refused, object received, forwarded, retried,
/// failed), with the time in UTC. Thread-safe; each line is flushed as written.
/// </summary>
public sealed class NodeLog : IDisposable
{
    private readonly StreamWriter? _writer;
    private readonly Lock _gate = new();

    public NodeLog(string? path)
    {
        if (path is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
    }

    /// <summary>Raised for every event (the CLI's progress line listens).</summary>
    public event Action<string, IReadOnlyDictionary<string, object?>>? Logged;

    public void Write(string evt, params (string Key, object? Value)[] fields)
    {
        var dict = new Dictionary<string, object?>(fields.Length) ;
        foreach (var (k, v) in fields) dict[k] = v;
        Logged?.Invoke(evt, dict);
        if (_writer is null) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("event", evt);
            foreach (var (k, v) in fields)
            {
                switch (v)
                {
                    case null: break;
                    case long l: json.WriteNumber(k, l); break;
                    case int i: json.WriteNumber(k, i); break;
                    case double d: json.WriteNumber(k, Math.Round(d, 3)); break;
                    case bool b: json.WriteBoolean(k, b); break;
                    default: json.WriteString(k, v.ToString()); break;
                }
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            if (_closed) return; // a thread still ending after the node stopped (a forward cut off by its time limit)
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private bool _closed;

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer?.Dispose();
        }
    }
}
