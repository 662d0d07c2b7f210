using System.Globalization;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Masks;
using PixelScrub.Pipeline;

namespace PixelScrub.Review;

/// <summary>
/// The page's pictures, rendered by PixelScrub's own renderer (<see cref="DicomImage"/>) as PNG: the original (the
/// quarantined copy, else the input), and the cleaned image: the file written to OUT once there is one, otherwise a
/// preview made by cleaning the original in memory with the report's regions and the rectangles being drawn. A file
/// (or preview) is read once and kept in a small cache (<see cref="CacheBytes"/>) while its frames are looked at; one
/// decoder serves every request (its codecs keep no state between calls).
/// </summary>
internal sealed class ReviewImages : IDisposable
{
    /// <summary>The most the cache of read files holds: 256 MiB (<see cref="ReviewImageCache"/> says what is counted).</summary>
    public const long CacheBytes = 256L << 20;

    private readonly CodecFrameDecoder _decoder = new(FrameCodecRegistry.CreateDefault(null));

    public ReviewImages(long cacheBytes = CacheBytes) => Cache = new ReviewImageCache(cacheBytes);

    public ReviewImageCache Cache { get; }

    /// <summary>Window presets for greyscale images (centre, width), by the name the page uses.</summary>
    public static readonly IReadOnlyDictionary<string, VoiWindow?> Presets = new Dictionary<string, VoiWindow?>(StringComparer.Ordinal)
    {
        ["file"] = null, ["soft"] = new VoiWindow(40, 400), ["bone"] = new VoiWindow(400, 1800), ["lung"] = new VoiWindow(-600, 1500),
        ["brain"] = new VoiWindow(40, 80),
    };

    /// <summary>Renders one frame as PNG bytes; <paramref name="width"/> &gt; 0 shrinks it to that width (thumbnails).</summary>
    public byte[] Png(ReviewFile file, bool cleaned, int frame, string preset, IReadOnlyList<Region> extra, int width)
    {
        bool minMax = preset == "minmax";
        if (!minMax && !Presets.ContainsKey(preset)) throw new ArgumentException($"unknown window preset '{preset}'");
        var window = minMax ? null : Presets[preset];
        string path = (cleaned ? file.Written : null) ?? file.Source ?? throw new FileNotFoundException("neither the quarantined copy nor the input of this file exists");
        var ops = cleaned && file.Written is null
            ? ReportRegions(file.Row.Regions, file.Columns, file.Rows).Concat(extra.Select(r => new MaskOperation(MaskValue.Clean, r))).ToArray()
            : [];
        if (!ops.Any(o => o.Value == MaskValue.Clean)) ops = [];
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path} no longer exists");
        var key = new ReviewImageCache.Key(path, info.Length, info.LastWriteTimeUtc.Ticks,
            string.Join(';', ops.Select(o => $"{o.Value}:{(o.All ? "all" : $"{o.Region.X0},{o.Region.Y0},{o.Region.X1},{o.Region.Y1}")}")));
        using var lease = Cache.Get(key, () => Read(path, ops, file.Columns, file.Rows));
        var image = lease.Image;
        if (frame < 0 || frame >= image.FrameCount) throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame + 1} of {image.FrameCount}");
        var rendered = image.Render(frame, minMax ? Imaging.VoiSelection.MinMax : null, 0, _decoder,
            image.Layout.Photometric is "MONOCHROME1" or "MONOCHROME2" ? window : null);
        if (width > 0 && width < rendered.Width) rendered = ImageScaler.Box(rendered, width, Math.Max(1, (int)((long)rendered.Height * width / rendered.Width)));
        using var ms = new MemoryStream();
        PngWriter.Write(ms, rendered);
        return ms.ToArray();
    }

    /// <summary>Reads the whole file, and cleans it in memory when <paramref name="ops"/> has regions (a preview).</summary>
    private static DicomFile Read(string path, MaskOperation[] ops, int columns, int rows)
    {
        var dicom = DicomFile.Open(path);
        try
        {
            dicom.ReadRemainder();
            if (ops.Length > 0) DicomCleaner.CleanPixelData(dicom, new PixelMask(columns, rows, ops));
            return dicom;
        }
        catch
        {
            dicom.Dispose();
            throw;
        }
    }

    public void Dispose() => Cache.Dispose();

    /// <summary>The report's regions ("x0,y0,x1,y1;keep:...;all") as mask operations; text it cannot read is left out.</summary>
    public static IEnumerable<MaskOperation> ReportRegions(string? regions, int columns, int rows)
    {
        if (string.IsNullOrEmpty(regions)) yield break;
        foreach (var part in regions.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            bool keep = part.StartsWith("keep:", StringComparison.Ordinal);
            var text = keep ? part[5..] : part;
            var value = keep ? MaskValue.Keep : MaskValue.Clean;
            if (text == "all") yield return new MaskOperation(value, default, true);
            else if (TryRegion(text, out var r)) yield return new MaskOperation(value, r.ClipTo(columns, rows));
        }
    }

    /// <summary>"x0,y0,x1,y1" as a region.</summary>
    public static bool TryRegion(string text, out Region region)
    {
        region = default;
        var p = text.Split(',');
        if (p.Length != 4) return false;
        var n = new int[4];
        for (int i = 0; i < 4; i++)
        {
            if (!int.TryParse(p[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n[i])) return false;
        }

        region = new Region(n[0], n[1], n[2], n[3]);
        return true;
    }
}
