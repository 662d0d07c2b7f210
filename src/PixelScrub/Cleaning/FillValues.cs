using System.Buffers.Binary;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// The value cleaned pixels get, resolved for one layout (ARCHITECTURE.md, "fill"), and its stored bytes.
/// <list type="bullet">
/// <item>Integer samples: black is MONOCHROME2's smallest value (0 unsigned, -2^(BitsStored-1) signed),
/// MONOCHROME1's largest (2^BitsStored-1 unsigned, 2^(BitsStored-1)-1 signed), RGB's minimum in every sample,
/// YBR Y at its minimum with Cb = Cr at mid-range, and for PALETTE COLOR the first mapped value plus the index
/// of the palette entry of lowest luminance (0.299R+0.587G+0.114B; ties go to the lowest index). Gray is
/// mid-range in every sample (2^(BitsStored-1) unsigned, 0 signed) and for a palette the entry whose luminance
/// is closest to half scale.</item>
/// <item>Stored pattern: the value occupies bits [HighBit-BitsStored+1, HighBit] of the allocated word; the
/// bits above HighBit hold its sign extension (signed) or zero (unsigned) and the bits below the low bit are
/// zero, so no overlay bit survives in a filled pixel.</item>
/// <item>1-bit data: black is 0 for MONOCHROME2 and 1 for MONOCHROME1; gray follows the mid-range rule
/// (2^(BitsStored-1) = 1), i.e. white on MONOCHROME2: a visible mark, which is what test mode is for.</item>
/// <item>Float and Double Float Pixel Data have no fixed range, and 0.0 is not "black" for them. Black is the
/// smallest finite value present in the frame (the largest for MONOCHROME1); gray is the midpoint of the
/// smallest and largest finite values present. A frame with no finite value fills with 0.0. The fill is
/// therefore per frame: use <see cref="ForFrame"/>.</item>
/// </list>
/// </summary>
internal sealed class FillValues
{
    private const uint TagPaletteRedDescriptor = 0x00281101;
    private const uint TagPaletteRedData = 0x00281201;

    private readonly long[] _values;
    private readonly byte[] _unit;
    private readonly byte[][] _samples;

    private FillValues(long[] values, double floatValue, byte[] unit, byte[][] samples)
    {
        _values = values;
        FloatValue = floatValue;
        _unit = unit;
        _samples = samples;
    }

    /// <summary>The logical value of each sample (R,G,B or Y,Cb,Cr or the single value); empty for floats.</summary>
    public ReadOnlySpan<long> Values => _values;

    /// <summary>The value for floating point data (0 for integer data).</summary>
    public double FloatValue { get; }

    /// <summary>The stored bytes of the repeating unit: one pixel (all samples), or Y Y Cb Cr for a 4:2:2 pair.</summary>
    public ReadOnlySpan<byte> Unit => _unit;

    /// <summary>The stored bytes of one sample (for planar configuration 1).</summary>
    public ReadOnlySpan<byte> Sample(int index) => _samples[index];

    /// <summary>The fill of an integer (or 1-bit) layout; floating point layouts need <see cref="ForFrame"/>.</summary>
    public static FillValues For(PixelLayout layout, FillMode mode, PaletteLuts? palette = null)
    {
        var g = NativeGeometry.Of(layout);
        if (g.IsFloat)
        {
            throw new ArgumentException("floating point fill depends on the frame; use ForFrame", nameof(layout));
        }

        return ForInteger(g, mode, palette);
    }

    /// <summary>The fill for one frame of any layout (the frame is only read for floating point data).</summary>
    public static FillValues ForFrame(PixelLayout layout, FillMode mode, ReadOnlySpan<byte> frame, PaletteLuts? palette = null)
    {
        var g = NativeGeometry.Of(layout);
        return g.IsFloat ? ForFloat(g, mode, frame) : ForInteger(g, mode, palette);
    }

    /// <summary>
    /// The allocated word holding <paramref name="value"/>: shifted to the low bit, sign extended above HighBit
    /// for signed data, zero elsewhere.
    /// </summary>
    public static ulong StoredWord(long value, PixelLayout layout)
    {
        int low = layout.EffectiveHighBit - layout.BitsStored + 1;
        ulong allocated = layout.BitsAllocated >= 64 ? ulong.MaxValue : (1UL << layout.BitsAllocated) - 1;
        long shifted = value << low; // arithmetic: a negative value carries its sign into every higher bit
        ulong word = (ulong)shifted & allocated;
        if (!layout.IsSigned)
        {
            ulong storedMask = (layout.BitsStored >= 64 ? ulong.MaxValue : (1UL << layout.BitsStored) - 1) << low;
            word &= storedMask;
        }

        return word;
    }

    /// <summary>The smallest and largest value the stored bits can hold.</summary>
    public static (long Min, long Max) Range(PixelLayout layout)
    {
        int bs = layout.BitsStored;
        return layout.IsSigned ? (-(1L << (bs - 1)), (1L << (bs - 1)) - 1) : (0, (1L << bs) - 1);
    }

    private static FillValues ForInteger(NativeGeometry g, FillMode mode, PaletteLuts? palette)
    {
        var layout = g.Layout;
        var (min, max) = Range(layout);
        long mid = layout.IsSigned ? 0 : 1L << (layout.BitsStored - 1);
        bool black = mode == FillMode.Black;

        long[] values = g.Photometric switch
        {
            PhotometricKind.Monochrome2 => [black ? min : mid],
            PhotometricKind.Monochrome1 => [black ? max : mid],
            PhotometricKind.Rgb => black ? [min, min, min] : [mid, mid, mid],
            PhotometricKind.YbrFull or PhotometricKind.YbrFull422 => [black ? min : mid, mid, mid],
            PhotometricKind.PaletteColor => [PaletteValue(layout, mode, palette, min, max)],
            _ => throw new UnsupportedInputException($"no fill for {layout.Photometric}"),
        };

        int bps = g.BytesPerSample;
        if (g.IsOneBit)
        {
            // The single stored bit; CleanRuns writes it bit by bit, so the unit is that bit in a byte.
            byte bit = (byte)(StoredWord(values[0], layout) & 1);
            return new FillValues(values, 0, [bit], [[bit]]);
        }

        var samples = new byte[values.Length][];
        for (int s = 0; s < values.Length; s++)
        {
            samples[s] = new byte[bps];
            WriteWord(samples[s], StoredWord(values[s], layout), layout.BigEndian);
        }

        byte[] unit;
        if (g.Photometric == PhotometricKind.YbrFull422)
        {
            // PS3.3 C.7.6.3.1.2: a pair is stored Y1 Y2 Cb Cr.
            unit = [.. samples[0], .. samples[0], .. samples[1], .. samples[2]];
        }
        else
        {
            unit = new byte[bps * values.Length];
            for (int s = 0; s < values.Length; s++) samples[s].CopyTo(unit, s * bps);
        }

        return new FillValues(values, 0, unit, samples);
    }

    private static FillValues ForFloat(NativeGeometry g, FillMode mode, ReadOnlySpan<byte> frame)
    {
        var layout = g.Layout;
        uint tag = layout.Format == SampleFormat.Float32 ? 0x7FE00008u : 0x7FE00009u;
        if (frame.Length < g.FrameBytes)
        {
            throw new DicomFormatException($"the frame holds {frame.Length} bytes but {layout.Rows}x{layout.Columns} {layout.Format} needs {g.FrameBytes}", frame.Length, tag);
        }

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        long count = layout.PixelsPerFrame;
        if (layout.Format == SampleFormat.Float32)
        {
            for (long i = 0; i < count; i++)
            {
                var b = frame.Slice((int)(i * 4), 4);
                float v = layout.BigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b);
                if (!float.IsFinite(v)) continue;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }
        else
        {
            for (long i = 0; i < count; i++)
            {
                var b = frame.Slice((int)(i * 8), 8);
                double v = layout.BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b);
                if (!double.IsFinite(v)) continue;
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }

        double value;
        if (lo > hi)
        {
            value = 0.0; // no finite value in the frame
        }
        else if (mode == FillMode.Gray)
        {
            value = lo / 2 + hi / 2; // halves first: no overflow at the ends of the double range
        }
        else
        {
            value = g.Photometric == PhotometricKind.Monochrome1 ? hi : lo;
        }

        var bytes = new byte[g.BytesPerSample];
        if (layout.Format == SampleFormat.Float32)
        {
            if (layout.BigEndian) BinaryPrimitives.WriteSingleBigEndian(bytes, (float)value);
            else BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
        }
        else
        {
            if (layout.BigEndian) BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
            else BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        }

        return new FillValues([], value, bytes, [bytes]);
    }

    private static long PaletteValue(PixelLayout layout, FillMode mode, PaletteLuts? palette, long min, long max)
    {
        if (palette is null)
        {
            throw new DicomFormatException("PALETTE COLOR image without its palette lookup tables", 0, TagPaletteRedDescriptor);
        }

        var (r, g, b) = (palette.Red, palette.Green, palette.Blue);
        int entries = r.EntryCount;
        if (g.EntryCount != entries || b.EntryCount != entries || g.FirstMappedValue != r.FirstMappedValue || b.FirstMappedValue != r.FirstMappedValue)
        {
            throw new DicomFormatException("the red, green and blue palette descriptors differ in entries or first mapped value", 0, TagPaletteRedDescriptor);
        }

        var red = new PaletteChannel(r);
        var green = new PaletteChannel(g);
        var blue = new PaletteChannel(b);
        int best = 0;
        double bestScore = double.PositiveInfinity;
        for (int i = 0; i < entries; i++)
        {
            double lum = 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i];
            double score = mode == FillMode.Black ? lum : Math.Abs(lum - 0.5);
            if (score < bestScore)
            {
                bestScore = score; // strict: ties keep the lowest index
                best = i;
            }
        }

        // PS3.3 C.7.6.3.1.5: entry i is what stored value (first mapped + i) displays as.
        long value = (long)r.FirstMappedValue + best;
        if (value < min || value > max)
        {
            throw new DicomFormatException($"the palette's darkest entry maps from stored value {value}, outside the {layout.BitsStored}-bit range", 0, TagPaletteRedDescriptor);
        }

        return value;
    }

    private static void WriteWord(Span<byte> dest, ulong word, bool bigEndian)
    {
        int n = dest.Length;
        for (int i = 0; i < n; i++)
        {
            byte b = (byte)(word >> (8 * i));
            dest[bigEndian ? n - 1 - i : i] = b;
        }
    }

    /// <summary>One palette table read as intensities in [0,1].</summary>
    private readonly ref struct PaletteChannel
    {
        private readonly ReadOnlySpan<ushort> _data;
        private readonly bool _packedBytes;
        private readonly double _scale;

        public PaletteChannel(PaletteLut lut)
        {
            int entries = lut.EntryCount;
            _data = lut.Data.Span;
            if (lut.BitsPerEntry == 16)
            {
                if (_data.Length < entries) throw Short(lut, entries);
                _scale = 65535.0;
            }
            else if (lut.BitsPerEntry == 8)
            {
                // PS3.3 C.7.6.3.1.6: 8-bit entries are stored as 8 bits allocated, i.e. two per word, first
                // entry in the low byte. Older files put one entry per word; accept that when the data holds
                // a word per entry, scaled to 16 bits if any word exceeds a byte.
                if (_data.Length >= entries)
                {
                    _packedBytes = false;
                    _scale = 255.0;
                    foreach (var w in _data[..entries])
                    {
                        if (w > 255) { _scale = 65535.0; break; }
                    }
                }
                else if ((long)_data.Length * 2 >= entries)
                {
                    _packedBytes = true;
                    _scale = 255.0;
                }
                else
                {
                    throw Short(lut, entries);
                }
            }
            else
            {
                throw new DicomFormatException($"palette LUT descriptor gives {lut.BitsPerEntry} bits per entry; only 8 and 16 are defined", 0, TagPaletteRedDescriptor);
            }
        }

        public double this[int i] => (_packedBytes ? (_data[i >> 1] >> (8 * (i & 1))) & 0xFF : _data[i]) / _scale;

        private static DicomFormatException Short(PaletteLut lut, int entries) =>
            new($"palette LUT data holds {lut.Data.Length} words, fewer than its {entries} entries need", 0, TagPaletteRedData);
    }
}
