using System.Collections.Concurrent;
using PixelScrub.Codecs.Native;
using PixelScrub.Pipeline;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// A pool of OCR readers, one per worker thread at a time: each a Tesseract engine in its own native worker process
/// (when a worker command is given) or in this process. Created on first use; disposed with the pool.
/// </summary>
internal sealed class OcrReaders(NativeWorkerCommand? worker, TimeSpan? frameTimeout = null) : IDisposable
{
    private readonly ConcurrentBag<IOcrReader> _idle = [];
    private readonly ConcurrentBag<IOcrReader> _all = [];

    public IOcrReader Rent()
    {
        if (_idle.TryTake(out var reader)) return reader;
        reader = worker is null
            ? new InProcessOcrReader()
            : new WorkerOcrReader(new NativeCodecClient(worker.FileName, worker.Arguments, frameTimeout ?? TimeSpan.FromSeconds(60)));
        _all.Add(reader);
        return reader;
    }

    public void Return(IOcrReader reader) => _idle.Add(reader);

    /// <summary>
    /// Checks that Tesseract and its English data are installed (loads the library and opens the data in this
    /// process, without building an engine); the message names the package to install.
    /// </summary>
    public static string? Missing()
    {
        try
        {
            TesseractEngine.CheckInstalled();
            return null;
        }
        catch (UnsupportedInputException e)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        foreach (var r in _all) r.Dispose();
    }
}
