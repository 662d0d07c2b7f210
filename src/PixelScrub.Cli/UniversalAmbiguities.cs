using System.Runtime.InteropServices;

namespace PixelScrub.Cli;

/// <summary>
/// Spares every OCR worker's Tesseract engine a table only Tesseract's legacy recogniser uses. Building an engine,
/// Tesseract 5 always parses its built-in "universal ambiguities" (pairs of character strings the legacy classifier may
/// confuse, such as "rn" and "m") into sorted lists, one insertion at a time: about 45 ms of CPU in each worker's start
/// (a profile of `scan` on one ultrasound, BENCHMARKS.md §12), on the path to the first line read. The engines here run
/// the LSTM recogniser only (TessOcrEngineMode 1, <see cref="Text.Ocr.TesseractApi.EngineModeLstmOnly"/>), which never
/// consults that table.
/// <para>
/// The native executable exports a <c>tesseract::UnicharAmbigs::LoadUniversal</c> that loads nothing
/// (IlcExportUnmanagedEntrypoints in the project). libtesseract calls its own function through its procedure linkage
/// table, so glibc's loader binds the call to the executable's symbol first, as for <see cref="LineImageStore"/>. The
/// table stays as InitUnicharAmbigs made it, empty. A Tesseract whose function has another signature (another mangled
/// name) is not bound, and loads the table as before. The JIT build (run by the dotnet host) exports nothing.
/// </para>
/// </summary>
internal static class UniversalAmbiguities
{
    /// <summary>The Itanium C++ ABI name of <c>void tesseract::UnicharAmbigs::LoadUniversal(const UNICHARSET &amp;, UNICHARSET *)</c>.</summary>
    internal const string Symbol = "_ZN9tesseract13UnicharAmbigs13LoadUniversalERKNS_10UNICHARSETEPS1_";

    /// <summary>The member function: <paramref name="ambigs"/> is <c>this</c>; the two character sets are left as they are.</summary>
    [UnmanagedCallersOnly(EntryPoint = Symbol)]
    private static void LoadUniversal(nint ambigs, nint encoderSet, nint unicharset)
    {
    }
}
