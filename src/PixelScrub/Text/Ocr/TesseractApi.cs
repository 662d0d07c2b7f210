using PixelScrub.Codecs.Native;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// The part of Tesseract 5's C API (tesseract/capi.h) PixelScrub uses, resolved from libtesseract.so.5 at run time.
/// BOOL is a C int. Levels (TessPageIteratorLevel): block 0, paragraph 1, text line 2, word 3, symbol 4.
/// </summary>
internal sealed unsafe class TesseractApi
{
    public const string Library = "libtesseract.so.5";
    public const string Package = "libtesseract5";
    public const string LanguagePackage = "tesseract-ocr-eng";

    /// <summary>TessPageSegMode: treat the image as a single text line.</summary>
    public const int PageSegSingleLine = 7;

    /// <summary>TessPageSegMode: a single uniform block of text.</summary>
    public const int PageSegSingleBlock = 6;

    /// <summary>TessPageSegMode: as much text as possible in no particular order.</summary>
    public const int PageSegSparseText = 11;

    /// <summary>TessOcrEngineMode: the LSTM recogniser only (all Debian's English data holds).</summary>
    public const int EngineModeLstmOnly = 1;

    public const int LevelTextLine = 2;
    public const int LevelWord = 3;

    private static TesseractApi? _loaded;
    private static readonly Lock LoadLock = new();

    private TesseractApi(nint h)
    {
        nint F(string name) => NativeLibraryLoader.Export(h, Library, Package, name);
        Version = (delegate* unmanaged<byte*>)F("TessVersion");
        Create = (delegate* unmanaged<nint>)F("TessBaseAPICreate");
        Delete = (delegate* unmanaged<nint, void>)F("TessBaseAPIDelete");
        Init4 = (delegate* unmanaged<nint, byte*, byte*, int, byte**, int, byte**, byte**, nuint, int, int>)F("TessBaseAPIInit4");
        End = (delegate* unmanaged<nint, void>)F("TessBaseAPIEnd");
        Clear = (delegate* unmanaged<nint, void>)F("TessBaseAPIClear");
        SetVariable = (delegate* unmanaged<nint, byte*, byte*, int>)F("TessBaseAPISetVariable");
        SetPageSegMode = (delegate* unmanaged<nint, int, void>)F("TessBaseAPISetPageSegMode");
        SetImage = (delegate* unmanaged<nint, byte*, int, int, int, int, void>)F("TessBaseAPISetImage");
        SetSourceResolution = (delegate* unmanaged<nint, int, void>)F("TessBaseAPISetSourceResolution");
        Recognize = (delegate* unmanaged<nint, nint, int>)F("TessBaseAPIRecognize");
        GetIterator = (delegate* unmanaged<nint, nint>)F("TessBaseAPIGetIterator");
        IteratorDelete = (delegate* unmanaged<nint, void>)F("TessResultIteratorDelete");
        IteratorNext = (delegate* unmanaged<nint, int, int>)F("TessResultIteratorNext");
        IteratorText = (delegate* unmanaged<nint, int, byte*>)F("TessResultIteratorGetUTF8Text");
        IteratorConfidence = (delegate* unmanaged<nint, int, float>)F("TessResultIteratorConfidence");
        IteratorPage = (delegate* unmanaged<nint, nint>)F("TessResultIteratorGetPageIteratorConst");
        PageBoundingBox = (delegate* unmanaged<nint, int, int*, int*, int*, int*, int>)F("TessPageIteratorBoundingBox");
        DeleteText = (delegate* unmanaged<byte*, void>)F("TessDeleteText");
    }

    public readonly delegate* unmanaged<byte*> Version;
    public readonly delegate* unmanaged<nint> Create;
    public readonly delegate* unmanaged<nint, void> Delete;
    /// <summary>TessBaseAPIInit4(handle, datapath, language, oem, configs, configs_size, vars_vec, vars_values, vars_vec_size, set_only_non_debug_params).</summary>
    public readonly delegate* unmanaged<nint, byte*, byte*, int, byte**, int, byte**, byte**, nuint, int, int> Init4;
    public readonly delegate* unmanaged<nint, void> End;
    public readonly delegate* unmanaged<nint, void> Clear;
    public readonly delegate* unmanaged<nint, byte*, byte*, int> SetVariable;
    public readonly delegate* unmanaged<nint, int, void> SetPageSegMode;
    public readonly delegate* unmanaged<nint, byte*, int, int, int, int, void> SetImage;
    public readonly delegate* unmanaged<nint, int, void> SetSourceResolution;
    public readonly delegate* unmanaged<nint, nint, int> Recognize;
    public readonly delegate* unmanaged<nint, nint> GetIterator;
    public readonly delegate* unmanaged<nint, void> IteratorDelete;
    public readonly delegate* unmanaged<nint, int, int> IteratorNext;
    public readonly delegate* unmanaged<nint, int, byte*> IteratorText;
    public readonly delegate* unmanaged<nint, int, float> IteratorConfidence;
    public readonly delegate* unmanaged<nint, nint> IteratorPage;
    public readonly delegate* unmanaged<nint, int, int*, int*, int*, int*, int> PageBoundingBox;
    public readonly delegate* unmanaged<byte*, void> DeleteText;

    /// <summary>The API, loaded once per process; throws <see cref="UnsupportedInputException"/> naming the package when missing.</summary>
    public static TesseractApi Load()
    {
        lock (LoadLock)
        {
            if (_loaded is not null) return _loaded;
            nint handle = NativeLibraryLoader.Load(Library, Package, "Text detection (Tesseract OCR)");
            _loaded = new TesseractApi(handle);
            return _loaded;
        }
    }
}
