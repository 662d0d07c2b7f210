using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PixelScrub.Dicom;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Rules.Learning;

namespace PixelScrub.Review;

/// <summary>
/// The files of a `clean` run, read from its report (JSONL): the only files the page serves, each by its id. Headers are
/// read once (header only) for the device signature and the fields rules look at. Thread-safe; decisions replace rows.
/// </summary>
internal sealed class ReviewCatalog
{
    /// <summary>The header fields the built-in rules and device signatures look at, shown on a file's page.</summary>
    private static readonly (string Name, uint Tag)[] Fields =
    [
        ("Modality", 0x00080060), ("Manufacturer", 0x00080070), ("ManufacturerModelName", 0x00081090), ("SOPClassUID", 0x00080016),
        ("ImageType", 0x00080008), ("BurnedInAnnotation", 0x00280301), ("Rows", 0x00280010), ("Columns", 0x00280011),
        ("PhotometricInterpretation", 0x00280004), ("BitsStored", 0x00280101), ("NumberOfFrames", 0x00280008),
        ("SoftwareVersions", 0x00181020), ("SeriesDescription", 0x0008103E), ("ConversionType", 0x00080064),
    ];

    private readonly ConcurrentDictionary<string, ReviewFile> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly string _out;
    private readonly string _quarantine;

    private ReviewCatalog(string outDir, string quarantine)
    {
        _out = outDir;
        _quarantine = quarantine;
    }

    /// <summary>Reads the report; a missing or unreadable report is a <see cref="ReviewSetupException"/> naming the file and line.</summary>
    public static ReviewCatalog Load(ReviewOptions options)
    {
        var report = options.ResolvedReport;
        if (report.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new ReviewSetupException($"the report {report} is CSV: the review page reads and updates JSONL reports (run clean without a .csv --report)");
        if (!File.Exists(report)) throw new ReviewSetupException($"no report at {report}: run `pixelscrub clean ... --out {options.OutputDirectory}` first, or name it with --report");
        var catalog = new ReviewCatalog(Path.GetFullPath(options.OutputDirectory), options.ResolvedQuarantine);
        try
        {
            foreach (var line in ReportRows.Read(report)) catalog.Add(line.Required);
        }
        catch (ReportRowException ex)
        {
            throw new ReviewSetupException(ex.Message, ex);
        }

        return catalog;
    }

    /// <summary>The id of an input path: the first 16 hex digits of its SHA-256 (stable across sessions, reveals no path).</summary>
    public static string IdOf(string input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..16];

    public IReadOnlyList<ReviewFile> Files
    {
        get
        {
            lock (_order) return _order.Select(id => _byId[id]).ToArray();
        }
    }

    public ReviewFile? Find(string id) => _byId.TryGetValue(id, out var f) ? f : null;

    /// <summary>The neighbours of a file in report order.</summary>
    public (string? Previous, string? Next) Neighbours(string id)
    {
        lock (_order)
        {
            int i = _order.IndexOf(id);
            return (i > 0 ? _order[i - 1] : null, i >= 0 && i + 1 < _order.Count ? _order[i + 1] : null);
        }
    }

    /// <summary>Replaces a file's report row after a decision (its header facts stay).</summary>
    public ReviewFile Replace(ReviewFile file, FileOutcome row)
    {
        var updated = file with { Row = row };
        _byId[file.Id] = updated;
        return updated;
    }

    private void Add(FileOutcome row)
    {
        var id = IdOf(row.Input);
        string? relative = null, copy = null;
        QuarantineSidecar? sidecar = null;
        if (row.Output is { } output)
        {
            var full = Path.GetFullPath(output);
            if (Under(full, _quarantine))
            {
                relative = Path.GetRelativePath(_quarantine, full);
                copy = full;
                sidecar = ReadSidecar(full + ".json");
            }
            else if (Under(full, _out))
            {
                relative = Path.GetRelativePath(_out, full);
            }
        }

        var source = copy is not null && File.Exists(copy) ? copy : File.Exists(row.Input) ? row.Input : null;
        var (signature, header, frames, columns, rows, grey) = ReadHeader(source);
        lock (_order)
        {
            if (!_byId.ContainsKey(id)) _order.Add(id);
            _byId[id] = new ReviewFile(id, row, relative, copy, sidecar, signature, header, frames, columns, rows, grey);
        }
    }

    private static bool Under(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static QuarantineSidecar? ReadSidecar(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), PipelineJson.Default.QuarantineSidecar) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (DeviceSignature?, IReadOnlyList<HeaderField>, int, int, int, bool) ReadHeader(string? path)
    {
        if (path is null) return (null, [], 0, 0, 0, false);
        try
        {
            using var file = DicomFile.Open(path, DicomReadOptions.Header);
            var values = new DicomHeaderValues(file);
            var fields = new List<HeaderField>();
            foreach (var (name, tag) in Fields)
            {
                if (values.GetValues(tag) is { } v) fields.Add(new HeaderField(name, $"({tag >> 16:X4},{tag & 0xFFFF:X4})", string.Join('\\', v)));
            }

            if (values.GetItems(0x00186011) is { } regions) fields.Add(new HeaderField("SequenceOfUltrasoundRegions", "(0018,6011)", $"{regions.Count} item(s)"));
            int Int(uint tag) => values.GetValues(tag) is [var s, ..] && int.TryParse(s.Trim(), out var n) ? n : 0;
            string photometric = values.GetValues(0x00280004) is [var p, ..] ? p.Trim() : "";
            return (DeviceSignature.From(values), fields, Math.Max(1, Int(0x00280008)), Int(0x00280011), Int(0x00280010),
                photometric is "MONOCHROME1" or "MONOCHROME2");
        }
        catch (Exception ex) when (ex is PixelScrubException or IOException or UnauthorizedAccessException)
        {
            return (null, [new HeaderField("(header)", "", $"not readable: {ex.Message}")], 0, 0, 0, false);
        }
    }
}
