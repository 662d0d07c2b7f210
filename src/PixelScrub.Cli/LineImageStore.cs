using System.Runtime.InteropServices;
using PixelScrub.Codecs.Native;

namespace PixelScrub.Cli;

/// <summary>
/// Spares Tesseract a PNG round trip on every line it reads, in the native build's OCR worker. Tesseract 5 keeps each
/// line image it hands to its LSTM recogniser as an encoded image (ImageData: written with Leptonica's pixWriteMem as
/// PNG, read back with pixReadMem a moment later), so every line is deflated and inflated once, about a tenth of the
/// worker's CPU on ultrasound annotations (zlib and libpng in a profile of `scan`, BENCHMARKS.md §12).
/// <para>
/// The native executable exports its own <c>pixWriteMem</c> (IlcExportUnmanagedEntrypoints in the project); the
/// dynamic linker binds Tesseract's call to the executable's symbol before Leptonica's. Where PNG is asked, it stores
/// the image in Leptonica's own serialization (pixWriteMemSpix: a header and the raw rows, lossless), which the same
/// pixReadMem reads back (it tells formats by their first bytes); every other format goes to Leptonica's pixWriteMem.
/// The pixels Tesseract reads are the same, so are its readings. PNM, tried first, saved less than half as much: Leptonica
/// writes and reads it a byte at a time through a stdio stream. The JIT build (run by the dotnet host) exports nothing
/// and keeps the PNG round trip.
/// </para>
/// </summary>
internal static unsafe class LineImageStore
{
    /// <summary>Leptonica's file format code for PNG (imageio.h IFF_PNG; the codes after IFF_LPDF moved between releases, this one never did).</summary>
    internal const int FormatPng = 3;

    private static nint _writeMem, _writeMemSpix;

    /// <summary>
    /// Leptonica's <c>l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)</c>, with PNG stored
    /// as serialized pixels. Only a Leptonica caller can reach it, so Leptonica is loaded; should its functions still not
    /// be found, the process ends (an OCR worker: the file it was reading fails with the worker's exit, as for any fault
    /// in the library), since failing the call would leave Tesseract reading an image it never got.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "pixWriteMem")]
    private static int WriteMem(byte** data, nuint* size, nint pix, int format)
    {
        Resolve();
        return format == FormatPng
            ? ((delegate* unmanaged<byte**, nuint*, nint, int>)_writeMemSpix)(data, size, pix)
            : ((delegate* unmanaged<byte**, nuint*, nint, int, int>)_writeMem)(data, size, pix, format);
    }

    /// <summary>The address of the exported function, for tests (the JIT build exports nothing).</summary>
    internal static delegate* unmanaged<byte**, nuint*, nint, int, int> Export => &WriteMem;

    private static void Resolve()
    {
        if (Volatile.Read(ref _writeMemSpix) != 0) return;
        foreach (var library in NativeLibraryNames.Leptonica)
        {
            // The library is loaded already (its caller needs it): loading it again returns the same instance.
            if (NativeLibrary.TryLoad(library, out nint handle)
                && NativeLibrary.TryGetExport(handle, "pixWriteMem", out nint writeMem)
                && NativeLibrary.TryGetExport(handle, "pixWriteMemSpix", out nint writeMemSpix))
            {
                _writeMem = writeMem;
                Volatile.Write(ref _writeMemSpix, writeMemSpix);
                return;
            }
        }

        Environment.FailFast($"pixWriteMem was called, but none of {string.Join(", ", NativeLibraryNames.Leptonica)} exports pixWriteMem and pixWriteMemSpix");
    }
}
