using System.IO.Compression;

namespace PixelScrub.Tests.Support;

/// <summary>What a corpus file is for the tests: how DCMTK reads it.</summary>
public enum CorpusExpectation
{
    /// <summary>DCMTK reads it: our read must succeed and round trip byte for byte.</summary>
    Readable,

    /// <summary>DCMTK refuses it or reads it only in part: our reader must throw DicomFormatException naming the offset.</summary>
    Malformed,

    /// <summary>Not DICOM (licence, readme).</summary>
    NotDicom,
}

/// <summary>A typed catalogue of the shared corpus: one place naming each file and what it exercises.</summary>
public static class CorpusFiles
{
    /// <summary>Files DCMTK cannot read completely (checked with dcmdump): they must fail with our format exception.</summary>
    public static readonly IReadOnlyDictionary<string, string> MalformedFiles = new Dictionary<string, string>
    {
        ["pydicom/MR_truncated.dcm"] = "pixel data value ends before its declared length",
        // Starts with one stray byte (0x20) before an explicit VR little endian dataset: dcmdump fails on it by
        // default and reads a garbage element (0820,0500) when forced (-f -te).
        ["pydicom/no_meta.dcm"] = "no DICM prefix and no data element at offset 0",
    };

    /// <summary>Every DICOM file of the corpus, relative to corpus/, including the cine extracted from its zip.</summary>
    public static IEnumerable<string> AllDicom()
    {
        var root = SharedFiles.Corpus("");
        foreach (var f in Directory.EnumerateFiles(root, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(root, f).Replace('\\', '/');
        }

        yield return CineRelative;
    }

    /// <summary>Files DCMTK reads (every .dcm but the malformed ones).</summary>
    public static IEnumerable<string> Readable() => AllDicom().Where(f => !MalformedFiles.ContainsKey(f));

    public const string CineRelative = "deid-data/ultrasounds/GREYSCALE_CINE.zip!GREYSCALE_CINE.dcm";

    private static readonly Lazy<string> CineDir = new(ExtractCine);

    /// <summary>The absolute path of a catalogue entry (the cine is extracted once to a temp folder).</summary>
    public static string PathOf(string relative)
    {
        if (relative == CineRelative) return CinePath;
        return SharedFiles.Corpus(relative);
    }

    public static string CinePath => Directory.EnumerateFiles(CineDir.Value, "*", SearchOption.AllDirectories)
        .First(f => !Path.GetFileName(f).StartsWith('.'));

    private static string ExtractCine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pixelscrub-tests-cine-" + Environment.ProcessId);
        if (!Directory.Exists(dir))
        {
            var tmp = dir + ".part";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
            ZipFile.ExtractToDirectory(SharedFiles.Corpus("deid-data/ultrasounds/GREYSCALE_CINE.zip"), tmp);
            Directory.Move(tmp, dir);
        }

        return dir;
    }
}
