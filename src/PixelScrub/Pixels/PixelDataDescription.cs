using PixelScrub.Dicom;

namespace PixelScrub.Pixels;

/// <summary>
/// Reads the Image Pixel module of a dataset into a <see cref="PixelLayout"/> and checks it is consistent
/// (PS3.3 C.7.6.3): every fault is a clear reason naming the attribute, never an exception from arithmetic.
/// </summary>
public static class PixelDataDescription
{
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);

    private static readonly HashSet<string> KnownPhotometric = new(StringComparer.Ordinal)
    {
        "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR", "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422",
        "YBR_PARTIAL_420", "YBR_ICT", "YBR_RCT", "XYB", "ARGB", "CMYK", "HSV",
    };

    /// <summary>
    /// The layout of the pixel data element <paramref name="pixelTag"/> of <paramref name="dataset"/>, read in
    /// <paramref name="syntax"/>. Throws <see cref="UnsupportedInputException"/> with the reason when the attributes
    /// are missing or inconsistent.
    /// </summary>
    public static PixelLayout Read(DicomDataset dataset, TransferSyntax syntax, DicomTag pixelTag)
    {
        int rows = Required(dataset, Rows, "Rows");
        int columns = Required(dataset, Columns, "Columns");
        int samples = Optional(dataset, SamplesPerPixel, 1);
        var format = pixelTag == DicomTag.FloatPixelData ? SampleFormat.Float32
            : pixelTag == DicomTag.DoubleFloatPixelData ? SampleFormat.Float64 : SampleFormat.Integer;
        int bitsAllocated = format switch
        {
            SampleFormat.Float32 => Optional(dataset, BitsAllocated, 32),
            SampleFormat.Float64 => Optional(dataset, BitsAllocated, 64),
            _ => Required(dataset, BitsAllocated, "Bits Allocated"),
        };
        int bitsStored = Optional(dataset, BitsStored, bitsAllocated);
        int highBit = Optional(dataset, HighBit, bitsStored - 1);
        int representation = Optional(dataset, PixelRepresentation, 0);
        int planar = Optional(dataset, PlanarConfiguration, 0);
        int frames = Optional(dataset, NumberOfFrames, 1);
        var photometric = dataset.GetString(PhotometricInterpretation)?.Trim();

        if (rows <= 0 || columns <= 0) throw Bad($"image is {columns}x{rows} (Columns x Rows)");
        if (samples is not (1 or 3 or 4)) throw Bad($"Samples per Pixel is {samples}");
        if (bitsAllocated is not (1 or 8 or 16 or 32 or 64)) throw Bad($"Bits Allocated is {bitsAllocated}");
        if (format == SampleFormat.Float32 && bitsAllocated != 32) throw Bad($"Float Pixel Data with Bits Allocated {bitsAllocated}");
        if (format == SampleFormat.Float64 && bitsAllocated != 64) throw Bad($"Double Float Pixel Data with Bits Allocated {bitsAllocated}");
        if (bitsStored < 1 || bitsStored > bitsAllocated) throw Bad($"Bits Stored {bitsStored} is outside 1..Bits Allocated ({bitsAllocated})");
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) throw Bad($"High Bit {highBit} does not fit Bits Stored {bitsStored} in Bits Allocated {bitsAllocated}");
        if (representation is not (0 or 1)) throw Bad($"Pixel Representation is {representation}");
        if (planar is not (0 or 1)) throw Bad($"Planar Configuration is {planar}");
        if (frames < 1) throw Bad($"Number of Frames is {frames}");
        if (string.IsNullOrEmpty(photometric)) throw Bad("Photometric Interpretation (0028,0004) is missing");
        if (!KnownPhotometric.Contains(photometric)) throw Bad($"unknown Photometric Interpretation \"{photometric}\"");
        int expectedSamples = photometric switch { "MONOCHROME1" or "MONOCHROME2" or "PALETTE COLOR" => 1, "ARGB" or "CMYK" => 4, _ => 3 };
        if (samples != expectedSamples) throw Bad($"Photometric Interpretation {photometric} with Samples per Pixel {samples}");

        return new PixelLayout
        {
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = samples,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = highBit,
            IsSigned = representation == 1,
            Photometric = photometric,
            PlanarConfiguration = samples > 1 ? planar : 0,
            NumberOfFrames = frames,
            BigEndian = syntax.IsBigEndian && !syntax.IsEncapsulated,
            Format = format,
        };
    }

    /// <summary>The top-level pixel data element of a dataset (integer, float or double), or null.</summary>
    public static DicomElement? FindPixelElement(DicomDataset dataset) =>
        dataset.Get(DicomTag.PixelData) ?? dataset.Get(DicomTag.FloatPixelData) ?? dataset.Get(DicomTag.DoubleFloatPixelData);

    private static int Required(DicomDataset ds, DicomTag tag, string name)
    {
        var v = ds.GetInteger(tag);
        if (v is null) throw Bad($"{name} {tag} is missing or not a number");
        if (v > int.MaxValue || v < int.MinValue) throw Bad($"{name} {tag} is {v}");
        return (int)v.Value;
    }

    private static int Optional(DicomDataset ds, DicomTag tag, int fallback)
    {
        var v = ds.GetInteger(tag);
        if (v is null)
        {
            // absent or empty: the default; present with something that is not a number: refuse (fail closed)
            var text = ds.GetString(tag);
            if (!string.IsNullOrWhiteSpace(text)) throw Bad($"{tag} is \"{text}\", not a number");
            return fallback;
        }

        if (v > int.MaxValue || v < int.MinValue) throw Bad($"{tag} is {v}");
        return (int)v.Value;
    }

    private static UnsupportedInputException Bad(string reason) => new($"inconsistent image attributes: {reason}");
}
