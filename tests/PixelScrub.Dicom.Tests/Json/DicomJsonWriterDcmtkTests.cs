using System.IO.Compression;
using System.Text.Json;
using PixelScrub.Dicom.Json;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.Json;

/// <summary>
/// Done-means 2 of issue 2: our DICOM JSON agrees with DCMTK's dcm2json on every corpus file dcm2json reads: the same
/// tags, VRs and values (numbers compared as numbers, text after decoding; bulk data compared where both write it
/// inline, which dcm2json does for everything but compressed pixel data).
/// </summary>
public sealed class DicomJsonWriterDcmtkTests
{
    /// <summary>Label (path under the corpus, "zip!entry" for zipped files) to the file to read.</summary>
    private static readonly Lazy<SortedDictionary<string, string>> Files = new(FindFiles);

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var label in Files.Value.Keys) data.Add(label);
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void AgreesWithDcm2json(string label)
    {
        var path = Files.Value[label];
        var (exit, stdout, withoutPixels) = Dcm2json(path);
        if (exit != 0 || stdout.Length == 0)
        {
            // DCMTK does not read it (MR_truncated.dcm and friends): nothing to compare; the reader's own tests
            // say what happens to such files.
            return;
        }

        var ours = DicomJsonWriter.ToJson(DicomFile.Open(path), new DicomJsonOptions { BulkData = DicomJsonBulkData.InlineBinary });
        using var theirsDoc = JsonDocument.Parse(stdout);
        using var oursDoc = JsonDocument.Parse(ours);
        var differences = new List<string>();
        CompareDataset("", theirsDoc.RootElement, oursDoc.RootElement, differences);
        if (withoutPixels)
        {
            // The copy dcmodify wrote lacks the pixel data, and dcmodify drops Data Set Trailing Padding on writing.
            differences.Remove("7FE00010: only in ours");
            differences.Remove("FFFCFFFC: only in ours");
        }

        Assert.True(differences.Count == 0, $"{label}: {differences.Count} differences:\n" + string.Join('\n', differences.Take(30)));
    }

    [Fact]
    public void MostCorpusFilesAreCompared()
    {
        int compared = 0;
        foreach (var f in Files.Value.Values)
        {
            var (exit, stdout, _) = Dcm2json(f);
            if (exit == 0 && stdout.Length > 0) compared++;
        }

        Assert.True(compared >= Files.Value.Count - 4, $"only {compared} of {Files.Value.Count} files could be compared");
    }

    /// <summary>
    /// dcm2json of a file. dcm2json 3.6 cannot inline compressed pixel data and gives up; such files are compared
    /// through a copy without (7FE0,0010), made by dcmodify (bulk data is not compared anyway).
    /// </summary>
    private static (int Exit, string Json, bool WithoutPixels) Dcm2json(string path) =>
        Dcm2jsonResults.GetOrAdd(path, RunDcm2json);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int, string, bool)> Dcm2jsonResults = new();

    private static (int Exit, string Json, bool WithoutPixels) RunDcm2json(string path)
    {
        var (exit, stdout, stderr) = ReferenceTool.Run("dcm2json", ["-fc", path]);
        if (exit == 0 || !stderr.Contains("compressed pixel data", StringComparison.Ordinal)) return (exit, stdout, false);
        var copy = Path.Combine(Path.GetTempPath(), $"pixelscrub-json-{Guid.NewGuid():N}.dcm");
        try
        {
            File.Copy(path, copy);
            var (modified, _, modifyErrors) = ReferenceTool.Run("dcmodify", ["-nb", "-ie", "-e", "(7fe0,0010)", copy]);
            Assert.True(modified == 0, $"dcmodify failed on a copy of {path}: {modifyErrors}");
            var (exit2, stdout2, _) = ReferenceTool.Run("dcm2json", ["-fc", copy]);
            return (exit2, stdout2, true);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static void CompareDataset(string path, JsonElement theirs, JsonElement ours, List<string> differences)
    {
        foreach (var t in theirs.EnumerateObject())
        {
            if (!ours.TryGetProperty(t.Name, out var o))
            {
                differences.Add($"{path}{t.Name}: missing in ours");
                continue;
            }

            CompareAttribute(path + t.Name, t.Value, o, differences);
        }

        foreach (var o in ours.EnumerateObject())
        {
            if (!theirs.TryGetProperty(o.Name, out _)) differences.Add($"{path}{o.Name}: only in ours");
        }
    }

    private static void CompareAttribute(string path, JsonElement theirs, JsonElement ours, List<string> differences)
    {
        var vr = theirs.GetProperty("vr").GetString();
        var ourVr = ours.GetProperty("vr").GetString();
        if (vr != ourVr)
        {
            differences.Add($"{path}: vr {vr} vs ours {ourVr}");
            return;
        }

        if (vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "UN")
        {
            // Bulk data: compared where both inline it (values up to the writer's inline limit).
            if (theirs.TryGetProperty("InlineBinary", out var tb) && ours.TryGetProperty("InlineBinary", out var ob))
            {
                var a = tb.GetBytesFromBase64();
                var b = ob.GetBytesFromBase64();
                // An odd-length value (a tolerated fault the reader reports) is kept as it is; DCMTK pads it with 00.
                bool padded = b.Length % 2 == 1 && a.Length == b.Length + 1 && a[^1] == 0 && a.AsSpan(0, b.Length).SequenceEqual(b);
                if (!padded && !a.AsSpan().SequenceEqual(b))
                {
                    differences.Add($"{path}: InlineBinary differs ({a.Length} vs ours {b.Length} bytes)");
                }
            }

            return;
        }

        bool theirsHas = theirs.TryGetProperty("Value", out var tv);
        bool oursHas = ours.TryGetProperty("Value", out var ov);
        if (path.EndsWith("00080005", StringComparison.Ordinal) && theirsHas && tv[0].GetString() == "ISO_IR 192")
        {
            return; // dcm2json converts the text to UTF-8 and says so in Specific Character Set
        }

        if (theirsHas && !oursHas && AllNull(tv))
        {
            return; // dcm2json writes [null] for an LT/ST/UT of padding only; the model says no "Value" (PS3.18 F.2.5)
        }

        if (theirsHas != oursHas)
        {
            differences.Add($"{path}: Value {(theirsHas ? tv.ToString() : "absent")} vs ours {(oursHas ? ov.ToString() : "absent")}");
            return;
        }

        if (!theirsHas) return;
        if (tv.GetArrayLength() != ov.GetArrayLength())
        {
            differences.Add($"{path}: {tv.GetArrayLength()} values {Short(tv)} vs ours {ov.GetArrayLength()} {Short(ov)}");
            return;
        }

        for (int i = 0; i < tv.GetArrayLength(); i++)
        {
            var a = tv[i];
            var b = ov[i];
            var where = $"{path}[{i}]";
            if (vr == "SQ")
            {
                CompareDataset(where + ".", a, b, differences);
            }
            else if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
            {
                double x = a.GetDouble(), y = b.GetDouble();
                double tolerance = vr == "FL" ? 1e-6 * Math.Max(1, Math.Abs(x)) : 1e-12 * Math.Max(1, Math.Abs(x));
                if (Math.Abs(x - y) > tolerance) differences.Add($"{where}: {a} vs ours {b}");
            }
            else if (a.ToString() != b.ToString() || a.ValueKind != b.ValueKind)
            {
                differences.Add($"{where}: {a.ValueKind} {Short(a)} vs ours {b.ValueKind} {Short(b)}");
            }
        }
    }

    private static bool AllNull(JsonElement array)
    {
        foreach (var v in array.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Null) return false;
        }

        return true;
    }

    private static string Short(JsonElement e)
    {
        var s = e.ToString();
        return s.Length > 120 ? s[..120] + "..." : s;
    }

    private static SortedDictionary<string, string> FindFiles()
    {
        var corpus = Path.Combine(SharedFiles.Root, "corpus");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.GetFiles(corpus, "*.dcm", SearchOption.AllDirectories))
        {
            files.Add(Path.GetRelativePath(corpus, f).Replace('\\', '/'), f);
        }

        // The cine of deid-data is shipped zipped: its content is compared too. It is unpacked once into a folder
        // named after the zip's size and time, by extracting beside it and renaming, so parallel runs never see
        // half a file.
        foreach (var zip in Directory.GetFiles(corpus, "*.zip", SearchOption.AllDirectories))
        {
            var info = new FileInfo(zip);
            var target = Path.Combine(Path.GetTempPath(), $"pixelscrub-corpus-{Path.GetFileNameWithoutExtension(zip)}-{info.Length}-{info.LastWriteTimeUtc.Ticks}");
            if (!Directory.Exists(target))
            {
                var staging = target + "-" + Guid.NewGuid().ToString("N");
                ZipFile.ExtractToDirectory(zip, staging);
                try
                {
                    Directory.Move(staging, target);
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    Directory.Delete(staging, recursive: true); // another run got there first
                }
            }

            foreach (var entry in Directory.GetFiles(target, "*", SearchOption.AllDirectories))
            {
                files.Add($"{Path.GetRelativePath(corpus, zip).Replace('\\', '/')}!{Path.GetRelativePath(target, entry).Replace('\\', '/')}", entry);
            }
        }

        return files;
    }
}
