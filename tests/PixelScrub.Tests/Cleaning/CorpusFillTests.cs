using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PixelScrub.Cleaning;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// Native corpus files cleaned in a copy and rendered by DCMTK's dcmj2pnm (no VOI window, no overlays): the
/// cleaned region renders as the darkest value the image can display and every other pixel renders exactly
/// as in the original. The pixel element is found by its tag bytes (the DICOM reader is another part); the
/// layouts are those dcmdump prints for each file.
/// </summary>
public class CorpusFillTests
{
    public sealed record CorpusCase(string File, PixelLayout Layout, Region Region, bool SwapWords = false);

    private static PixelLayout L(int rows, int columns, int ba, int bs, bool signed = false, string photometric = "MONOCHROME2",
        int spp = 1, int planar = 0, bool be = false, int frames = 1) => new()
    {
        Rows = rows,
        Columns = columns,
        BitsAllocated = ba,
        BitsStored = bs,
        HighBit = bs - 1,
        IsSigned = signed,
        Photometric = photometric,
        SamplesPerPixel = spp,
        PlanarConfiguration = planar,
        BigEndian = be,
        NumberOfFrames = frames,
    };

    public static readonly Dictionary<string, CorpusCase> Cases = new()
    {
        ["CT signed 16-bit"] = new("pydicom/CT_small.dcm", L(128, 128, 16, 16, signed: true), new Region(10, 20, 100, 40)),
        ["MR big endian"] = new("pydicom/MR_small_bigendian.dcm", L(64, 64, 16, 16, signed: true, be: true), new Region(0, 0, 64, 10)),
        ["MR implicit"] = new("pydicom/MR_small_implicit.dcm", L(64, 64, 16, 16, signed: true), new Region(5, 5, 30, 30)),
        ["RGB planar 1 big endian"] = new("pydicom/ExplVR_BigEnd.dcm", L(60, 80, 8, 8, photometric: "RGB", spp: 3, planar: 1, be: true), new Region(10, 5, 50, 25)),
        ["RGB 3x3"] = new("pydicom/SC_rgb_small_odd.dcm", L(3, 3, 8, 8, photometric: "RGB", spp: 3), new Region(1, 1, 3, 2)),
        // 8-bit samples in OW under Explicit VR Big Endian: the 16-bit words are byte-swapped, so the caller
        // swaps them back to the little endian byte stream, cleans, and swaps again.
        ["RGB 3x3 OW big endian"] = new("pydicom/SC_rgb_small_odd_big_endian.dcm", L(3, 3, 8, 8, photometric: "RGB", spp: 3), new Region(1, 1, 3, 2), SwapWords: true),
        ["YBR_FULL_422 native"] = new("pydicom/SC_ybr_full_422_uncompressed.dcm", L(100, 100, 8, 8, photometric: "YBR_FULL_422", spp: 3), new Region(13, 10, 60, 41)),
        ["RGB photo"] = new("pydicom/examples_rgb_color.dcm", L(240, 320, 8, 8, photometric: "RGB", spp: 3), new Region(100, 100, 220, 140)),
        ["PALETTE COLOR"] = new("pydicom/examples_palette.dcm", L(350, 800, 8, 8, photometric: "PALETTE COLOR"), new Region(0, 0, 800, 60)),
        ["MONOCHROME2 BS12 with overlay"] = new("pydicom/examples_overlay.dcm", L(300, 484, 16, 12), new Region(0, 140, 484, 180)),
        ["RT dose 32-bit, 15 frames"] = new("pydicom/rtdose.dcm", L(10, 10, 32, 32, frames: 15), new Region(2, 3, 7, 9)),
        ["deid ultrasound greyscale, deid's 0,0,1024,49"] = new("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm", L(768, 1024, 8, 8), new Region(0, 0, 1024, 49)),
        ["deid ultrasound RGB, deid's 0,0,1024,60"] = new("deid-data/ultrasounds/RGB_IMAGE.dcm", L(768, 1024, 8, 8, photometric: "RGB", spp: 3), new Region(0, 0, 1024, 60)),
    };

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void Cleaned_region_renders_darkest_and_the_rest_renders_unchanged(string name)
    {
        var c = Cases[name];
        var input = SharedFiles.Corpus(c.File);
        var bytes = File.ReadAllBytes(input);
        var (offset, length) = FindElement(bytes, 0x7FE0, 0x0010, bigEndian: c.Layout.BigEndian || c.SwapWords, last: true);
        var layout = c.Layout;
        int frameBytes = ReferencePixels.FrameBytes(layout);
        Assert.True(length >= (long)frameBytes * layout.NumberOfFrames, $"pixel data of {length} bytes");

        var pixelData = bytes.AsSpan(offset, length);
        if (c.SwapWords) SwapWords(pixelData);
        var palette = layout.Photometric == "PALETTE COLOR" ? ReadPalette(bytes) : null;
        var mask = new PixelMask(layout.Columns, layout.Rows, [new MaskOperation(MaskValue.Clean, c.Region)]);
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            long filled = NativeFrameCleaner.Clean(pixelData.Slice(f * frameBytes, frameBytes), layout, mask, FillMode.Black, palette);
            Assert.True(filled >= (long)c.Region.Width * c.Region.Height);
        }

        if (c.SwapWords) SwapWords(pixelData);
        var dir = Directory.CreateTempSubdirectory("pixelscrub-fill-");
        try
        {
            var cleanedPath = Path.Combine(dir.FullName, "cleaned.dcm");
            File.WriteAllBytes(cleanedPath, bytes);
            int[] frames = layout.NumberOfFrames == 1 ? [1] : [1, layout.NumberOfFrames];
            foreach (int frame in frames)
            {
                var before = Render(input, frame, Path.Combine(dir.FullName, $"before{frame}.pnm"));
                var after = Render(cleanedPath, frame, Path.Combine(dir.FullName, $"after{frame}.pnm"));
                AssertRendering(before, after, c.Region, ReferencePixels.Is422(layout), name);
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static void AssertRendering(Pnm before, Pnm after, Region region, bool pairs, string name)
    {
        Assert.Equal((before.Width, before.Height, before.Channels), (after.Width, after.Height, after.Channels));
        int ch = before.Channels;
        long darkestBefore = long.MaxValue;
        for (int i = 0; i < before.Values.Length; i += ch) darkestBefore = Math.Min(darkestBefore, Luma(before.Values, i, ch));

        int[]? fill = null;
        for (int y = 0; y < before.Height; y++)
        {
            for (int x = 0; x < before.Width; x++)
            {
                int i = (y * before.Width + x) * ch;
                int px = pairs ? x & ~1 : x;
                bool inside = y >= region.Y0 && y < region.Y1 && ((px >= region.X0 && px < region.X1) || (pairs && px + 1 >= region.X0 && px + 1 < region.X1));
                if (inside)
                {
                    var v = after.Values.AsSpan(i, ch).ToArray();
                    fill ??= v;
                    Assert.True(fill.AsSpan().SequenceEqual(v), $"{name}: ({x},{y}) renders {string.Join(",", v)}, not the fill {string.Join(",", fill)}");
                }
                else if (!before.Values.AsSpan(i, ch).SequenceEqual(after.Values.AsSpan(i, ch)))
                {
                    Assert.Fail($"{name}: ({x},{y}) outside the region renders differently");
                }
            }
        }

        Assert.NotNull(fill);
        Assert.True(Luma(fill, 0, ch) <= darkestBefore, $"{name}: the fill renders at luma {Luma(fill, 0, ch)}, brighter than the image's darkest {darkestBefore}");
    }

    private static long Luma(int[] v, int i, int ch) => ch == 1 ? v[i] * 1000L : 299L * v[i] + 587L * v[i + 1] + 114L * v[i + 2];

    private sealed record Pnm(int Width, int Height, int Channels, int[] Values);

    private static Pnm Render(string dicom, int frame, string output)
    {
        var (code, _, err) = ReferenceTool.Run("dcmj2pnm", ["--no-overlays", "--no-windowing", "+opw", "+F", frame.ToString(), dicom, output]);
        Assert.True(code == 0, $"dcmj2pnm failed on {dicom}: {err}");
        var tokens = File.ReadAllLines(output)
            .Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        int channels = tokens[0] == "P3" ? 3 : 1;
        int w = int.Parse(tokens[1]), h = int.Parse(tokens[2]);
        var values = new int[w * h * channels];
        for (int i = 0; i < values.Length; i++) values[i] = int.Parse(tokens[4 + i]);
        return new Pnm(w, h, channels, values);
    }

    /// <summary>The value of the last (or first) element with this tag: explicit VR (OB/OW, 12-byte header) or implicit (8).</summary>
    private static (int Offset, int Length) FindElement(byte[] file, ushort group, ushort element, bool bigEndian, bool last)
    {
        Span<byte> tag = stackalloc byte[4];
        if (bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(tag, group); BinaryPrimitives.WriteUInt16BigEndian(tag[2..], element); }
        else { BinaryPrimitives.WriteUInt16LittleEndian(tag, group); BinaryPrimitives.WriteUInt16LittleEndian(tag[2..], element); }
        int at = last ? file.AsSpan().LastIndexOf(tag) : file.AsSpan().IndexOf(tag);
        Assert.True(at >= 0, $"element ({group:X4},{element:X4}) not found");
        bool explicitVr = file[at + 4] == 'O' && file[at + 5] is (byte)'B' or (byte)'W';
        int lengthAt = explicitVr ? at + 8 : at + 4;
        int length = (int)(bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(lengthAt)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(lengthAt)));
        return (lengthAt + 4, length);
    }

    private static PaletteLuts ReadPalette(byte[] file)
    {
        PaletteLut Lut(ushort data)
        {
            // The descriptor (0028,110x) is US, VM 3, with the short explicit header tag(4) "US"(2) length(2).
            int at = file.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x28, 0x00, (byte)(data - 0x100), 0x11, (byte)'U', (byte)'S', 6, 0]);
            Assert.True(at >= 0, "palette descriptor not found");
            ushort entries = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at + 8));
            short first = BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(at + 10));
            ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at + 12));
            var (o, len) = FindElement(file, 0x0028, data, false, last: false);
            var words = MemoryMarshal.Cast<byte, ushort>(file.AsSpan(o, len)).ToArray();
            return new PaletteLut(entries, first, bits, words);
        }

        return new PaletteLuts(Lut(0x1201), Lut(0x1202), Lut(0x1203));
    }

    private static void SwapWords(Span<byte> data)
    {
        for (int i = 0; i + 1 < data.Length; i += 2) (data[i], data[i + 1]) = (data[i + 1], data[i]);
    }
}
