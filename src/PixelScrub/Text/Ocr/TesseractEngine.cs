using System.Runtime.InteropServices;
using System.Text;
using PixelScrub.Masks;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// One Tesseract instance (TessBaseAPI) with the English model, reading single lines. Not thread-safe: one engine per
/// worker. Runs inside the native worker process (<see cref="Codecs.Native.NativeCodecWorker"/>) in the pipeline, so a
/// fault or hang in the library fails one file; tests and library callers may run it in process.
/// </summary>
internal sealed unsafe class TesseractEngine : IDisposable
{
    private readonly TesseractApi _api;
    private nint _handle;
    private bool _tryInverted = true; // Tesseract's default

    private TesseractEngine(TesseractApi api, nint handle)
    {
        _api = api;
        _handle = handle;
    }

    /// <summary>Creates and initialises an engine; throws <see cref="UnsupportedInputException"/> naming the package when Tesseract or its English data is missing.</summary>
    public static TesseractEngine Create()
    {
        var api = TesseractApi.Load();
        nint handle = Initialise(api, configOnly: false);
        var engine = new TesseractEngine(api, handle);
        // No dictionary settings: load_system_dawg and load_freq_dawg reach only the legacy engine's dictionary, not
        // the one the LSTM recogniser (the only model in Debian's English data) builds for itself; set at Init4 or
        // after, they change neither the words read nor the time (measured on the corpus ultrasounds' line images).
        engine.Set("debug_file", "/dev/null");
        // Every row proportional: Tesseract's layout pass then skips its search for a fixed character pitch in each line
        // (FPCUTPT: 2.5% of its instructions on the corpus ultrasounds' line images, callgrind), which the LSTM recogniser,
        // reading the whole line, does not use. Measured: `scan` output byte-identical on the corpus ultrasounds, the
        // text benchmark's sets and the generated corpus's counts (its monospaced and dot-matrix lines included).
        engine.Set("textord_all_prop", "1");
        api.SetPageSegMode(handle, TesseractApi.PageSegSingleLine);
        return engine;
    }

    /// <summary>
    /// Checks that Tesseract loads and finds its English data, without building an engine: with
    /// tessedit_init_config_only the data file is opened and its settings read, but the LSTM model, dictionaries and
    /// ambiguity tables are not loaded (about 10 ms instead of 100-150 ms of CPU; the engines that read are built in
    /// the workers). Throws <see cref="UnsupportedInputException"/> naming the package.
    /// </summary>
    public static void CheckInstalled()
    {
        var api = TesseractApi.Load();
        nint handle = Initialise(api, configOnly: true);
        api.End(handle);
        api.Delete(handle);
    }

    private static nint Initialise(TesseractApi api, bool configOnly)
    {
        nint handle = api.Create();
        if (handle == 0) throw new UnsupportedInputException("Tesseract could not create an engine (TessBaseAPICreate returned null)");
        byte[] lang = "eng\0"u8.ToArray();
        byte[] name = "tessedit_init_config_only\0"u8.ToArray();
        byte[] value = "1\0"u8.ToArray();
        int rc;
        fixed (byte* l = lang)
        fixed (byte* n = name)
        fixed (byte* v = value)
        {
            byte* names = n, values = v;
            rc = api.Init4(handle, null, l, TesseractApi.EngineModeLstmOnly, null, 0, &names, &values, configOnly ? 1u : 0u, 0);
        }

        if (rc != 0)
        {
            api.Delete(handle);
            throw new UnsupportedInputException(
                $"Tesseract found no English language data: install it with `apt-get install {TesseractApi.LanguagePackage}`");
        }

        return handle;
    }

    /// <summary>The library's version string ("5.3.0").</summary>
    public string Version => Marshal.PtrToStringUTF8((nint)_api.Version()) ?? "";

    /// <summary>Sets one of Tesseract's variables; a name this Tesseract does not know is an error, not a silent no-op.</summary>
    internal void Set(string name, string value)
    {
        byte[] n = Encoding.UTF8.GetBytes(name + "\0");
        byte[] v = Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* pn = n)
        fixed (byte* pv = v)
        {
            if (_api.SetVariable(_handle, pn, pv) == 0)
                throw new UnsupportedInputException($"Tesseract {Version} does not know the variable {name}: install the Debian package {TesseractApi.Package}");
        }
    }

    /// <summary>
    /// Reads one image as a single text line (page segmentation mode <paramref name="pageSegMode"/>); words in reading
    /// order. With <paramref name="tryInverted"/>, a line read with a low confidence is read inverted too and the better
    /// reading stands (tessedit_do_invert: a second pass of the recogniser on those lines).
    /// </summary>
    public List<OcrWord> Read(OcrImage image, bool tryInverted = true, int pageSegMode = TesseractApi.PageSegSingleLine)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        if (image.Width <= 0 || image.Height <= 0 || image.Width > OcrImage.MaxSide || image.Height > OcrImage.MaxSide
            || image.Pixels.Length < (long)image.Width * image.Height)
            throw new ArgumentException($"an OCR image of {image.Width}x{image.Height} with {image.Pixels.Length} bytes");
        var words = new List<OcrWord>();
        if (tryInverted != _tryInverted)
        {
            Set("tessedit_do_invert", tryInverted ? "1" : "0");
            _tryInverted = tryInverted;
        }

        _api.SetPageSegMode(_handle, pageSegMode);
        fixed (byte* p = image.Pixels)
        {
            _api.SetImage(_handle, p, image.Width, image.Height, 1, image.Width);
            _api.SetSourceResolution(_handle, 300);
            if (_api.Recognize(_handle, 0) != 0)
            {
                _api.Clear(_handle);
                return words;
            }
        }

        nint it = _api.GetIterator(_handle);
        if (it == 0)
        {
            _api.Clear(_handle);
            return words;
        }

        try
        {
            nint page = _api.IteratorPage(it);
            do
            {
                byte* text = _api.IteratorText(it, TesseractApi.LevelWord);
                if (text == null) continue;
                string s;
                try
                {
                    s = Marshal.PtrToStringUTF8((nint)text) ?? "";
                }
                finally
                {
                    _api.DeleteText(text);
                }

                s = s.Trim();
                if (s.Length == 0) continue;
                int l, t, r, b;
                if (_api.PageBoundingBox(page, TesseractApi.LevelWord, &l, &t, &r, &b) == 0) continue;
                float conf = _api.IteratorConfidence(it, TesseractApi.LevelWord);
                words.Add(new OcrWord(s, new Region(l, t, r, b), conf));
            }
            while (_api.IteratorNext(it, TesseractApi.LevelWord) != 0);
        }
        finally
        {
            _api.IteratorDelete(it);
            _api.Clear(_handle);
        }

        return words;
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        _api.End(_handle);
        _api.Delete(_handle);
        _handle = 0;
    }
}
