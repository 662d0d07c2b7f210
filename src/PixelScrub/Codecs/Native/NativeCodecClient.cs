using System.Diagnostics;
using System.Text;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// Runs native codec requests in a separate worker process (<see cref="NativeCodecWorker"/>) so that a library
/// fault on one file's data is reported for that frame instead of ending the batch. The worker is started on
/// first use from the command line given, kept for later requests, and restarted after a crash or timeout.
/// One request at a time per client; use several clients for parallel work.
/// </summary>
internal sealed class NativeCodecClient : IDisposable
{
    private readonly string _fileName;
    private readonly string[] _arguments;
    private readonly TimeSpan _timeout;
    private readonly Lock _lock = new();
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private bool _disposed;

    /// <param name="fileName">The program to start, e.g. the pixelscrub executable.</param>
    /// <param name="arguments">Its arguments, e.g. <c>__codec-worker</c>.</param>
    /// <param name="timeout">How long one frame may take before the worker is stopped (default 60 s).</param>
    public NativeCodecClient(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        _fileName = fileName;
        _arguments = arguments.ToArray();
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The id of the running worker process, or null when none runs (for tests and diagnostics).</summary>
    public int? WorkerProcessId
    {
        get
        {
            lock (_lock) return _process is { HasExited: false } p ? p.Id : null;
        }
    }

    /// <summary>Decodes one frame in the worker and returns the native frame.</summary>
    public byte[] Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, int frameIndex)
    {
        var response = Call(NativeCodecProtocol.Decode, transferSyntaxUid, compressedFrame, layout, frameIndex);
        if (response.Payload.Length != layout.BytesPerFrame)
            throw new JpegFormatException($"the codec worker returned {response.Payload.Length} bytes; the frame has {layout.BytesPerFrame}", 0, frameIndex);
        return response.Payload;
    }

    /// <summary>Encodes one native frame in the worker and returns the compressed frame.</summary>
    public byte[] Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, int frameIndex) =>
        Call(NativeCodecProtocol.Encode, transferSyntaxUid, nativeFrame, layout, frameIndex).Payload;

    /// <summary>Runs OCR on a batch of line images (<see cref="Text.Ocr.OcrMessages"/>) in the worker; returns the words payload.</summary>
    public byte[] Recognise(ReadOnlySpan<byte> images, int frameIndex) =>
        Call(NativeCodecProtocol.Recognise, "", images, OcrLayout, frameIndex).Payload;

    private static readonly PixelLayout OcrLayout = new() { Rows = 1, Columns = 1, BitsAllocated = 8, BitsStored = 8 };

    private NativeCodecProtocol.Response Call(byte operation, string uid, ReadOnlySpan<byte> payload, PixelLayout layout, int frameIndex)
    {
        byte[] data = payload.ToArray();
        string what = operation switch
        {
            NativeCodecProtocol.Decode => "decoding",
            NativeCodecProtocol.Recognise => "reading text (OCR)",
            _ => "encoding",
        };
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var process = EnsureStarted();
            var exchange = Task.Run(() =>
            {
                NativeCodecProtocol.WriteRequest(process.StandardInput.BaseStream, operation, uid, layout, frameIndex, data);
                return NativeCodecProtocol.ReadResponse(process.StandardOutput.BaseStream);
            });

            NativeCodecProtocol.Response response;
            try
            {
                if (!exchange.Wait(_timeout))
                {
                    Stop();
                    throw Fault(operation, $"the native codec worker did not finish {what} within {_timeout.TotalSeconds:0.#} s and was stopped", frameIndex);
                }

                response = exchange.Result;
            }
            catch (AggregateException e) when (e.InnerException is IOException or EndOfStreamException or InvalidDataException or ObjectDisposedException)
            {
                string exit = Stop();
                throw Fault(operation, $"the native codec worker failed while {what} ({exit}); the library may have crashed on this data", frameIndex);
            }

            return response.Status switch
            {
                NativeCodecProtocol.StatusOk => response,
                NativeCodecProtocol.StatusJpegFormat => throw new JpegFormatException(response.Message, response.Offset, frameIndex),
                NativeCodecProtocol.StatusDicomFormat => throw new DicomFormatException(response.Message, response.Offset, 0x7FE0_0010),
                NativeCodecProtocol.StatusUnsupported => throw new UnsupportedInputException(response.Message),
                _ => throw new UnsupportedInputException($"the native codec worker failed on frame {frameIndex}: {response.Message}"),
            };
        }
    }

    private static PixelScrubException Fault(byte operation, string reason, int frameIndex) =>
        operation == NativeCodecProtocol.Decode
            ? new JpegFormatException(reason, 0, frameIndex)
            : new UnsupportedInputException($"{reason} (frame {frameIndex})");

    private Process EnsureStarted()
    {
        if (_process is { HasExited: false } running) return running;
        _process?.Dispose();
        _process = null;
        var psi = new ProcessStartInfo(_fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in _arguments) psi.ArgumentList.Add(a);
        // Tesseract's OpenMP threads only contend with the batch's own workers on a small machine.
        psi.Environment["OMP_THREAD_LIMIT"] = "1";
        Process? process;
        try
        {
            process = Process.Start(psi);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new UnsupportedInputException($"the native codec worker `{_fileName}` could not be started: {e.Message}", e);
        }

        if (process is null) throw new UnsupportedInputException($"the native codec worker `{_fileName}` could not be started");
        _stderr.Clear();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                if (_stderr.Length < 4096) _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        _process = process;
        return process;
    }

    /// <summary>Stops the worker (if it still runs) and describes how it ended.</summary>
    private string Stop()
    {
        var process = _process;
        _process = null;
        if (process is null) return "not running";
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(5000);
            int code = process.HasExited ? process.ExitCode : -1;
            string detail;
            lock (_stderr) detail = _stderr.ToString().Trim();
            // On Unix a process ended by a signal reports 128 + the signal number.
            string how = code > 128 && code < 160 ? $"exit code {code}, signal {code - 128}" : $"exit code {code}";
            return detail.Length > 0 ? $"{how}: {detail}" : how;
        }
        catch (InvalidOperationException)
        {
            return "exit status unknown";
        }
        finally
        {
            process.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            var process = _process;
            _process = null;
            if (process is null) return;
            try
            {
                // Closing stdin ends the worker's loop cleanly; kill it if it does not go.
                process.StandardInput.Close();
                if (!process.WaitForExit(2000)) process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
