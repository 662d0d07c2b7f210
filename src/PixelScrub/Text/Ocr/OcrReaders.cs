using System.Runtime.ExceptionServices;
using PixelScrub.Codecs.Native;
using PixelScrub.Pipeline;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// A pool of OCR readers, one per worker thread at a time: each a Tesseract engine in its own native worker process
/// (when a worker command is given) or in this process. Created on first use; disposed with the pool.
/// <para>
/// A reader idle in the pool helps the files still being read (<see cref="WithHelp"/>): a batch of line images is
/// split between the file's own reader and the idle one, read at once, and the idle one comes back. Idle readers are
/// those of worker threads with no file left, so the end of a run (the last file or two, each on one thread) uses
/// every engine instead of one; a cine read alone, too. A thread that wants a reader while one is lent waits for it
/// (one batch at most) instead of starting another engine.
/// </para>
/// </summary>
internal sealed class OcrReaders : IDisposable
{
    private readonly Func<IOcrReader> _create;
    private readonly object _gate = new(); // a monitor: Rent waits on it for a lent reader
    private readonly Stack<IOcrReader> _idle = new();
    private readonly List<IOcrReader> _all = [];
    private int _lent;

    public OcrReaders(NativeWorkerCommand? worker, TimeSpan? frameTimeout = null)
        : this(worker is null
            ? () => new InProcessOcrReader()
            : () => new WorkerOcrReader(new NativeCodecClient(worker.FileName, worker.Arguments, frameTimeout ?? TimeSpan.FromSeconds(60))))
    {
    }

    /// <param name="create">makes a reader (tests give their own)</param>
    internal OcrReaders(Func<IOcrReader> create) => _create = create;

    /// <summary>How many readers were made (each an engine, in its own worker process where there is one).</summary>
    internal int Count
    {
        get
        {
            lock (_gate) return _all.Count;
        }
    }

    /// <summary>A reader for one file; waits while another file borrows an idle one, makes one when none is idle or lent.</summary>
    public IOcrReader Rent()
    {
        lock (_gate)
        {
            while (_idle.Count == 0 && _lent > 0) Monitor.Wait(_gate);
            if (_idle.TryPop(out var reader)) return reader;
            reader = _create();
            _all.Add(reader);
            return reader;
        }
    }

    public void Return(IOcrReader reader)
    {
        lock (_gate)
        {
            _idle.Push(reader);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary><paramref name="own"/> (rented), helped with each batch by a reader idle at the time, if any.</summary>
    public IOcrReader WithHelp(IOcrReader own) => new HelpedReader(own, this);

    private bool TryLend(out IOcrReader reader)
    {
        lock (_gate)
        {
            if (!_idle.TryPop(out reader!)) return false;
            _lent++;
            return true;
        }
    }

    private void Restore(IOcrReader reader)
    {
        lock (_gate)
        {
            _lent--;
            _idle.Push(reader);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Where a batch is cut in two of about equal cost: Tesseract scales each line to one height, so a line costs about
    /// its width over its height. The first part is never empty, nor the second.
    /// </summary>
    internal static int Cut(IReadOnlyList<OcrImage> images)
    {
        double total = 0;
        foreach (var image in images) total += Cost(image);
        double acc = 0;
        for (int i = 0; i < images.Count - 1; i++)
        {
            acc += Cost(images[i]);
            if (acc >= total / 2) return i + 1;
        }

        return images.Count - 1;
    }

    private static double Cost(OcrImage image) => (double)image.Width / Math.Max(1, image.Height);

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

    /// <summary>A file's reader; a batch of two or more images is split with an idle reader when there is one.</summary>
    private sealed class HelpedReader(IOcrReader own, OcrReaders pool) : IOcrReader
    {
        public List<List<OcrWord>> Read(IReadOnlyList<OcrImage> images, int frame, bool tryInverted = true)
        {
            if (images.Count < 2 || !pool.TryLend(out var helper)) return own.Read(images, frame, tryInverted);
            try
            {
                int cut = Cut(images);
                var second = images.Skip(cut).ToList();
                List<List<OcrWord>>? helped = null;
                Exception? failed = null;
                // A thread of its own, not the thread pool's: it waits on the helper's worker process for the whole read.
                var thread = new Thread(() =>
                {
                    try
                    {
                        helped = helper.Read(second, frame, tryInverted);
                    }
                    catch (Exception e)
                    {
                        failed = e;
                    }
                }) { IsBackground = true, Name = "OCR helper" };
                thread.Start();
                List<List<OcrWord>> words;
                try
                {
                    words = own.Read(images.Take(cut).ToList(), frame, tryInverted);
                }
                finally
                {
                    thread.Join();
                }

                if (failed is not null) ExceptionDispatchInfo.Throw(failed);
                words.AddRange(helped!);
                return words;
            }
            finally
            {
                pool.Restore(helper);
            }
        }

        /// <summary>The pool owns the readers.</summary>
        public void Dispose()
        {
        }
    }
}
