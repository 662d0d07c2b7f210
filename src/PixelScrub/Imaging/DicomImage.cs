using System.Globalization;
using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Imaging;

/// <summary>
/// The image of a read DICOM file as the renderer needs it: the pixel layout from the Image Pixel module, the
/// render parameters of each frame (top level values overridden by the shared and then the per-frame functional
/// groups), and the native bytes of each frame. Encapsulated data is handed to a frame decoder.
/// </summary>
internal sealed class DicomImage
{
    private static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);
    private static readonly DicomTag Columns = new(0x0028, 0x0011);
    private static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    private static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    private static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    private static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    private static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    private static readonly DicomTag VoiLutFunction = new(0x0028, 0x1056);
    private static readonly DicomTag ModalityLutSequence = new(0x0028, 0x3000);
    private static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);
    private static readonly DicomTag LutData = new(0x0028, 0x3006);
    private static readonly DicomTag VoiLutSequence = new(0x0028, 0x3010);
    private static readonly DicomTag FrameVoiLutSequence = new(0x0028, 0x9132);
    private static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);
    private static readonly DicomTag SharedFunctionalGroups = new(0x5200, 0x9229);
    private static readonly DicomTag PerFrameFunctionalGroups = new(0x5200, 0x9230);

    // Palette Color Lookup Table descriptors, data and segmented data (PS3.3 C.7.6.3.1.5, C.7.9).
    private static readonly DicomTag[] PaletteDescriptor = [new(0x0028, 0x1101), new(0x0028, 0x1102), new(0x0028, 0x1103)];
    private static readonly DicomTag[] PaletteData = [new(0x0028, 0x1201), new(0x0028, 0x1202), new(0x0028, 0x1203)];
    private static readonly DicomTag[] SegmentedPaletteData = [new(0x0028, 0x1221), new(0x0028, 0x1222), new(0x0028, 0x1223)];

    private readonly DicomFile _file;
    private readonly DicomElement _pixelData;
    private IReadOnlyList<FrameFragments>? _fragments;
    private (LookupTable R, LookupTable G, LookupTable B)? _palette;

    private DicomImage(DicomFile file, DicomElement pixelData, PixelLayout layout)
    {
        _file = file;
        _pixelData = pixelData;
        Layout = layout;
    }

    public PixelLayout Layout { get; }

    public int FrameCount => Layout.NumberOfFrames;

    public TransferSyntax TransferSyntax => _file.TransferSyntax;

    public bool IsEncapsulated => _pixelData is DicomFragments;

    /// <summary>
    /// Milliseconds between frames for animation: Frame Time (0018,1063), else from Cine Rate (0018,0040) or
    /// Recommended Display Frame Rate (0008,2144), else 100.
    /// </summary>
    public double FrameTimeMs
    {
        get
        {
            var ds = _file.Dataset;
            if (ds.GetDouble(new DicomTag(0x0018, 0x1063)) is > 0 and < 600_000 and var ms) return ms;
            if (ds.GetDouble(new DicomTag(0x0018, 0x0040)) is > 0 and < 10_000 and var rate) return 1000 / rate;
            if (ds.GetDouble(new DicomTag(0x0008, 0x2144)) is > 0 and < 10_000 and var fps) return 1000 / fps;
            return 100;
        }
    }

    /// <summary>The image of a file read to the end (not header-only).</summary>
    /// <exception cref="UnsupportedInputException">no pixel data, or Image Pixel attributes missing or inconsistent</exception>
    public static DicomImage FromFile(DicomFile file)
    {
        var ds = file.Dataset;
        var pixelData = PixelDataDescription.FindPixelElement(ds)
            ?? throw new UnsupportedInputException("cannot render: the file has no pixel data" + (file.PixelDataInfo is null ? "" : " read (header-only)"));
        PixelLayout layout;
        try
        {
            layout = PixelDataDescription.Read(ds, file.TransferSyntax, pixelData.Tag);
        }
        catch (UnsupportedInputException ex)
        {
            throw new UnsupportedInputException($"cannot render: {ex.Message}", ex);
        }

        int frames = layout.NumberOfFrames;
        var image = new DicomImage(file, pixelData, layout);
        if (pixelData is not DicomFragments)
        {
            // Check the declared size against the bytes there (PS3.5 8.1.1: frames are back to back).
            long frameBytes = FrameRenderer.FrameBytes(layout, layout.Photometric);
            long needed = layout.BitsAllocated == 1 ? layout.TotalBytes : frameBytes * frames;
            if (pixelData.Value.Length < needed)
                throw new UnsupportedInputException($"cannot render: pixel data has {pixelData.Value.Length} bytes, {frames} frame(s) of {layout.Columns}x{layout.Rows} need {needed}");
        }

        return image;
    }

    /// <summary>The bytes of one frame of native pixel data (only that frame is read from the file).</summary>
    public byte[] NativeFrame(int frame)
    {
        CheckFrame(frame);
        if (_pixelData is DicomFragments)
            throw new InvalidOperationException("encapsulated pixel data: decode the frame instead");
        long frameBytes = FrameRenderer.FrameBytes(Layout, Layout.Photometric);
        if (Layout.BitsAllocated == 1 && Layout.BitsPerFrame % 8 != 0 && frame > 0)
            throw new UnsupportedInputException("cannot render: 1-bit frames that do not start on a byte boundary");
        long start = frameBytes * frame;

        // PS3.5 7.3: OW values are 16-bit words in the data set's byte order, so 8-bit (and 1-bit) samples in OW
        // of a big endian data set have each pair of bytes swapped; the pairs are counted from the value start.
        bool swap = Layout.BigEndian && Layout.BitsAllocated <= 8 && _pixelData.VR.Code == "OW";
        long readStart = swap ? start & ~1L : start;
        long readEnd = swap ? Math.Min((start + frameBytes + 1) & ~1L, _pixelData.Value.Length) : start + frameBytes;
        byte[] bytes = ReadValueRange(_pixelData.Value, readStart, (int)(readEnd - readStart));
        if (!swap) return bytes;
        for (int i = 0; i + 1 < bytes.Length; i += 2) (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
        return start == readStart && bytes.Length == frameBytes ? bytes : bytes.AsSpan((int)(start - readStart), (int)frameBytes).ToArray();
    }

    private static byte[] ReadValueRange(ElementValue value, long offset, int count)
    {
        if (value is FileRangeValue file)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(count);
            using var fs = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
            fs.Position = file.Offset + offset;
            fs.ReadExactly(buffer);
            return buffer;
        }

        return value.GetBytes().Slice((int)offset, count).ToArray();
    }

    /// <summary>The encoded bytes of one frame of encapsulated pixel data (its fragments joined).</summary>
    public byte[] EncodedFrame(int frame)
    {
        CheckFrame(frame);
        if (_pixelData is not DicomFragments fragments) throw new InvalidOperationException("native pixel data has no encoded frames");
        _fragments ??= EncapsulatedFrames.Locate(_file.Dataset, fragments, FrameCount);
        if (frame >= _fragments.Count)
            throw new UnsupportedInputException($"cannot render: frame {frame + 1} not found in the encapsulated pixel data ({_fragments.Count} located)");
        return EncapsulatedFrames.ReadFrame(fragments, _fragments[frame]);
    }

    /// <summary>Renders one frame (zero-based). Encapsulated frames go through <paramref name="decoder"/>.</summary>
    /// <param name="voi">overrides the VOI choice of the file (null: window 1, else VOI LUT 1, else min-max)</param>
    /// <param name="window">a window to use instead of the file's (a viewer's preset); null: as <paramref name="voi"/> says</param>
    public RenderedImage Render(int frame, VoiSelection? voi = null, int voiIndex = 0, IFrameDecoder? decoder = null, VoiWindow? window = null)
    {
        var parameters = ParametersFor(frame) with { Voi = voi ?? VoiSelection.Auto, VoiIndex = voiIndex };
        if (window is { } w) parameters = parameters with { Windows = [w], Voi = VoiSelection.Window, VoiIndex = 0 };
        if (_pixelData is not DicomFragments) return FrameRenderer.Render(NativeFrame(frame), Layout, parameters);

        if (decoder is null || !decoder.CanDecode(TransferSyntax))
            throw new UnsupportedInputException($"cannot render: no decoder for transfer syntax {TransferSyntax.Uid} ({TransferSyntax.Name})");
        var decoded = decoder.Decode(TransferSyntax, EncodedFrame(frame), Layout, frame);
        return FrameRenderer.Render(decoded.Data, decoded.Layout, parameters);
    }

    /// <summary>Modality, VOI and palette values for one frame (zero-based).</summary>
    public RenderParameters ParametersFor(int frame)
    {
        CheckFrame(frame);
        var ds = _file.Dataset;
        bool signed = Layout.IsSigned;
        var p = new RenderParameters();
        p = ApplyModality(p, ds, signed);
        p = ApplyVoi(p, ds, signed);

        // Functional groups (PS3.3 C.7.6.16): shared values, then this frame's values, override the top level.
        foreach (var group in FunctionalGroups(ds, frame))
        {
            if (group.GetItems(PixelValueTransformationSequence) is [var pvt, ..]) p = ApplyModality(p, pvt, signed);
            if (group.GetItems(FrameVoiLutSequence) is [var voi, ..]) p = ApplyVoi(p, voi, signed);
        }

        if (Layout.Photometric == "PALETTE COLOR")
        {
            _palette ??= ReadPalette(ds, signed);
            p = p with { RedPalette = _palette.Value.R, GreenPalette = _palette.Value.G, BluePalette = _palette.Value.B };
        }

        return p;
    }

    private static IEnumerable<DicomDataset> FunctionalGroups(DicomDataset ds, int frame)
    {
        if (ds.GetItems(SharedFunctionalGroups) is [var shared, ..]) yield return shared;
        if (ds.GetItems(PerFrameFunctionalGroups) is { } perFrame && frame < perFrame.Count) yield return perFrame[frame];
    }

    private static RenderParameters ApplyModality(RenderParameters p, DicomDataset ds, bool signed)
    {
        if (ds.GetItems(ModalityLutSequence) is [var item, ..] && item.Get(LutData) is { } data)
            return p with { ModalityLut = LookupTable.FromDicom(Descriptor(item, LutDescriptor), data.Value.GetBytes().Span, item.BigEndian, signed) };
        double? slope = ds.GetDouble(RescaleSlope), intercept = ds.GetDouble(RescaleIntercept);
        if (slope is null && intercept is null) return p;
        return p with { RescaleSlope = slope ?? 1, RescaleIntercept = intercept ?? 0, ModalityLut = null };
    }

    private static RenderParameters ApplyVoi(RenderParameters p, DicomDataset ds, bool signed)
    {
        var centers = ds.GetValues(WindowCenter);
        var widths = ds.GetValues(WindowWidth);
        if (centers is { Length: > 0 } && widths is { Length: > 0 })
        {
            var windows = new List<VoiWindow>();
            for (int i = 0; i < Math.Min(centers.Length, widths.Length); i++)
            {
                if (double.TryParse(centers[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double c) &&
                    double.TryParse(widths[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                    windows.Add(new VoiWindow(c, w));
            }

            var function = (ds.GetString(VoiLutFunction) ?? "LINEAR").Trim().ToUpperInvariant() switch
            {
                "LINEAR_EXACT" => VoiFunction.LinearExact,
                "SIGMOID" => VoiFunction.Sigmoid,
                _ => VoiFunction.Linear,
            };
            p = p with { Windows = windows, VoiFunction = function };
        }

        if (ds.GetItems(VoiLutSequence) is { Count: > 0 } items)
        {
            var luts = new List<LookupTable>();
            foreach (var item in items)
            {
                if (item.Get(LutData) is { } data)
                    luts.Add(LookupTable.FromDicom(Descriptor(item, LutDescriptor), data.Value.GetBytes().Span, item.BigEndian, signed));
            }

            p = p with { VoiLuts = luts };
        }

        return p;
    }

    private static (LookupTable, LookupTable, LookupTable) ReadPalette(DicomDataset ds, bool signed)
    {
        var tables = new LookupTable[3];
        for (int c = 0; c < 3; c++)
        {
            var descriptor = Descriptor(ds, PaletteDescriptor[c]);
            if (ds.Get(PaletteData[c]) is { } data)
                tables[c] = LookupTable.FromDicom(descriptor, data.Value.GetBytes().Span, ds.BigEndian, signed);
            else if (ds.Get(SegmentedPaletteData[c]) is { } segmented)
                tables[c] = LookupTable.FromSegmented(descriptor, segmented.Value.GetBytes().Span, ds.BigEndian, signed);
            else
                throw new UnsupportedInputException($"cannot render: PALETTE COLOR without {"RGB"[c]} palette data");
        }

        return (tables[0], tables[1], tables[2]);
    }

    private static int[] Descriptor(DicomDataset ds, DicomTag tag)
    {
        var values = ds.GetValues(tag);
        if (values is not { Length: 3 })
            throw new UnsupportedInputException($"cannot render: {tag} LUT descriptor has {values?.Length ?? 0} values, 3 expected");
        var result = new int[3];
        for (int i = 0; i < 3; i++)
        {
            if (!int.TryParse(values[i].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]))
                throw new UnsupportedInputException($"cannot render: {tag} LUT descriptor value '{values[i]}'");
        }

        return result;
    }

    private void CheckFrame(int frame)
    {
        if (frame < 0 || frame >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} of {FrameCount}");
    }
}
