using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>JPEG Baseline/Extended DICOM files cleaned in the DCT domain, checked with DCMTK's decoder.</summary>
public sealed class JpegDctCleanerTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-jpegdct-");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> JpegFiles() => new(CorpusFiles.Readable().Where(f =>
    {
        var file = DicomFile.Open(CorpusFiles.PathOf(f), DicomReadOptions.Header);
        return file.TransferSyntax == TransferSyntax.JpegBaseline || file.TransferSyntax == TransferSyntax.JpegExtended;
    }));

    [Theory]
    [MemberData(nameof(JpegFiles))]
    public void Region_decodes_black_outside_is_unchanged_syntax_and_size_kept(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var file = DicomFile.Open(path);
        var pixel = PixelDataDescription.FindPixelElement(file.Dataset)!;
        var layout = PixelDataDescription.Read(file.Dataset, file.TransferSyntax, pixel.Tag);
        // a region that is not aligned to blocks: a third of the width, a quarter of the height, offset by 5 pixels
        var region = new Region(5, 3, 5 + layout.Columns / 3, 3 + layout.Rows / 4);
        var mask = new PixelMask(layout.Columns, layout.Rows, [new MaskOperation(MaskValue.Clean, region)]);
        var result = DicomCleaner.CleanPixelData(file, mask);
        Assert.Equal("jpeg-dct", result.Method);
        var cleanedPath = Path.Combine(_dir, "cleaned.dcm");
        DicomWriter.WriteFile(file, cleanedPath);

        var cleaned = DicomFile.Open(cleanedPath, DicomReadOptions.Header);
        Assert.Equal(file.TransferSyntax, cleaned.TransferSyntax);
        long inSize = new FileInfo(path).Length, outSize = new FileInfo(cleanedPath).Length;
        // redacted blocks code shorter, so the output may shrink; it must never grow by more than 1%
        Assert.True(outSize <= inSize + inSize / 100 + 64, $"size {inSize} -> {outSize}");

        var (before, warningsBefore, _) = Decode(path, "before");
        var (after, warningsAfter, photometric) = Decode(cleanedPath, "after");
        bool ybr = photometric.StartsWith("YBR", StringComparison.Ordinal);
        var newWarnings = warningsAfter.Except(warningsBefore).ToList();
        Assert.True(newWarnings.Count == 0, $"dcmdjpeg warns about our output: {string.Join("; ", newWarnings)}");
        Assert.Equal(before.Length, after.Length);
        int samples = layout.SamplesPerPixel, bytesPerSample = layout.BitsAllocated / 8;
        int frameBytes = layout.Rows * layout.Columns * samples * bytesPerSample;
        // blocks touched: the region grown to whole MCUs (at most 16 pixels), plus one pixel for chroma upsampling
        var touched = new Region((region.X0 / 16) * 16 - 1, (region.Y0 / 16) * 16 - 1, (region.X1 + 15) / 16 * 16 + 1, (region.Y1 + 15) / 16 * 16 + 1);
        int tolerance = 8 * (1 << Math.Max(0, layout.BitsStored - 8));
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            for (int y = 0; y < layout.Rows; y++)
            {
                for (int x = 0; x < layout.Columns; x++)
                {
                    bool inRegion = x >= region.X0 && x < region.X1 && y >= region.Y0 && y < region.Y1;
                    bool nearRegion = x >= touched.X0 && x < touched.X1 && y >= touched.Y0 && y < touched.Y1;
                    for (int s = 0; s < samples; s++)
                    {
                        int i = f * frameBytes + ((y * layout.Columns + x) * samples + s) * bytesPerSample;
                        int a = bytesPerSample == 1 ? after[i] : after[i] | after[i + 1] << 8;
                        int b = bytesPerSample == 1 ? before[i] : before[i] | before[i + 1] << 8;
                        int black = ybr && s > 0 ? 128 : 0; // Y at its minimum, Cb and Cr neutral
                        if (inRegion && Math.Abs(a - black) > tolerance) Assert.Fail($"{relative}: ({x},{y}) sample {s} = {a} in the region");
                        else if (!inRegion && !nearRegion && a != b) Assert.Fail($"{relative}: ({x},{y}) sample {s} changed {b} -> {a} outside the touched blocks");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(JpegFiles))]
    public void An_empty_mask_leaves_the_file_byte_identical(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var file = DicomFile.Open(path);
        var pixel = PixelDataDescription.FindPixelElement(file.Dataset)!;
        var layout = PixelDataDescription.Read(file.Dataset, file.TransferSyntax, pixel.Tag);
        var mask = new PixelMask(layout.Columns, layout.Rows, [new MaskOperation(MaskValue.Clean, new Region(layout.Columns, 0, layout.Columns + 10, 10))]);
        Assert.True(mask.IsEmpty);
        // straight to the JPEG cleaner (the facade would skip an empty mask before it got there)
        var result = new JpegDctCleaner().Clean(file, (DicomFragments)pixel, layout, mask, CleanOptions.Default);
        Assert.Equal(0, result.PixelsCleaned);
        using var ms = new MemoryStream();
        DicomWriter.Write(file, ms);
        Assert.Equal(File.ReadAllBytes(path), ms.ToArray());
    }

    /// <summary>The pixel data DCMTK's dcmdjpeg decodes, and the lines it printed.</summary>
    private (byte[] Pixels, string[] Warnings, string Photometric) Decode(string path, string name)
    {
        var native = Path.Combine(_dir, name + ".dcm");
        var (code, _, err) = ReferenceTool.Run("dcmdjpeg", ["+cn", path, native]);
        Assert.True(code == 0, $"dcmdjpeg: {err}");
        var f = DicomFile.Open(native);
        return (f.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray(), err.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            f.Dataset.GetString(PixelDataDescription.PhotometricInterpretation) ?? "");
    }
}
