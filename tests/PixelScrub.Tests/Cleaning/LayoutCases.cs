using PixelScrub.Cleaning;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// Every native integer layout the cleaner fills, with the values the fill contract names for it, written out
/// by hand from ARCHITECTURE.md ("fill") rather than computed by the code under test.
/// </summary>
internal static class LayoutCases
{
    public const int Columns = 22;
    public const int Rows = 14;
    public const int PaletteDarkIndex = 37;
    public const int PaletteGrayIndex = 201;

    public sealed record Case(PixelLayout Layout, long[] Black, long[] Gray, PaletteLuts? Palette = null);

    public static readonly IReadOnlyDictionary<string, Case> All = Build();

    public static IEnumerable<object[]> NamesAndModes()
    {
        foreach (var name in All.Keys)
        {
            yield return [name, FillMode.Black];
            yield return [name, FillMode.Gray];
        }
    }

    public static IEnumerable<object[]> Names()
    {
        foreach (var name in All.Keys) yield return [name];
    }

    private static PixelLayout L(string photometric, int ba, int bs, int hb = -1, bool signed = false, int spp = 1, int planar = 0, bool be = false) => new()
    {
        Rows = Rows,
        Columns = Columns,
        Photometric = photometric,
        BitsAllocated = ba,
        BitsStored = bs,
        HighBit = hb,
        IsSigned = signed,
        SamplesPerPixel = spp,
        PlanarConfiguration = planar,
        BigEndian = be,
    };

    private static Dictionary<string, Case> Build()
    {
        var d = new Dictionary<string, Case>
        {
            ["MONOCHROME2 u8"] = new(L("MONOCHROME2", 8, 8), [0], [128]),
            ["MONOCHROME2 s8"] = new(L("MONOCHROME2", 8, 8, signed: true), [-128], [0]),
            ["MONOCHROME2 u8 BS6 HB6"] = new(L("MONOCHROME2", 8, 6, 6), [0], [32]),
            ["MONOCHROME1 u8"] = new(L("MONOCHROME1", 8, 8), [255], [128]),
            ["MONOCHROME2 u16 BS12"] = new(L("MONOCHROME2", 16, 12), [0], [2048]),
            ["MONOCHROME2 s16 BS12"] = new(L("MONOCHROME2", 16, 12, signed: true), [-2048], [0]),
            ["MONOCHROME2 s16 BS12 HB13"] = new(L("MONOCHROME2", 16, 12, 13, signed: true), [-2048], [0]),
            ["MONOCHROME2 u16 BS10 HB14"] = new(L("MONOCHROME2", 16, 10, 14), [0], [512]),
            ["MONOCHROME2 s16 BS16"] = new(L("MONOCHROME2", 16, 16, signed: true), [-32768], [0]),
            ["MONOCHROME1 u16 BS12"] = new(L("MONOCHROME1", 16, 12), [4095], [2048]),
            ["MONOCHROME1 s16 BS12"] = new(L("MONOCHROME1", 16, 12, signed: true), [2047], [0]),
            ["MONOCHROME1 s16 BS12 HB14"] = new(L("MONOCHROME1", 16, 12, 14, signed: true), [2047], [0]),
            ["MONOCHROME2 s16 BS12 big endian"] = new(L("MONOCHROME2", 16, 12, signed: true, be: true), [-2048], [0]),
            ["MONOCHROME1 u16 BS16 big endian"] = new(L("MONOCHROME1", 16, 16, be: true), [65535], [32768]),
            ["MONOCHROME2 u24 BS20"] = new(L("MONOCHROME2", 24, 20), [0], [524288]),
            ["MONOCHROME2 u32 BS32"] = new(L("MONOCHROME2", 32, 32), [0], [2147483648]),
            ["MONOCHROME2 s32 BS32"] = new(L("MONOCHROME2", 32, 32, signed: true), [-2147483648], [0]),
            ["MONOCHROME2 s32 BS20 HB25"] = new(L("MONOCHROME2", 32, 20, 25, signed: true), [-524288], [0]),
            ["MONOCHROME1 s32 BS24 big endian"] = new(L("MONOCHROME1", 32, 24, signed: true, be: true), [8388607], [0]),
            ["RGB 8 planar 0"] = new(L("RGB", 8, 8, spp: 3), [0, 0, 0], [128, 128, 128]),
            ["RGB 8 planar 1"] = new(L("RGB", 8, 8, spp: 3, planar: 1), [0, 0, 0], [128, 128, 128]),
            ["RGB 16 planar 0 big endian"] = new(L("RGB", 16, 16, spp: 3, be: true), [0, 0, 0], [32768, 32768, 32768]),
            ["RGB 16 BS12 planar 1 big endian"] = new(L("RGB", 16, 12, spp: 3, planar: 1, be: true), [0, 0, 0], [2048, 2048, 2048]),
            ["YBR_FULL 8 planar 0"] = new(L("YBR_FULL", 8, 8, spp: 3), [0, 128, 128], [128, 128, 128]),
            ["YBR_FULL 8 planar 1"] = new(L("YBR_FULL", 8, 8, spp: 3, planar: 1), [0, 128, 128], [128, 128, 128]),
            ["YBR_FULL 16 BS12 planar 1"] = new(L("YBR_FULL", 16, 12, spp: 3, planar: 1), [0, 2048, 2048], [2048, 2048, 2048]),
            ["YBR_FULL_422 8"] = new(L("YBR_FULL_422", 8, 8, spp: 3), [0, 128, 128], [128, 128, 128]),
            ["YBR_FULL_422 16 BS10 big endian"] = new(L("YBR_FULL_422", 16, 10, spp: 3, be: true), [0, 512, 512], [512, 512, 512]),
            ["PALETTE COLOR 8, 16-bit LUT"] = new(L("PALETTE COLOR", 8, 8), [PaletteDarkIndex], [PaletteGrayIndex], Palette(256, 0, 16)),
            ["PALETTE COLOR 8, 8-bit packed LUT"] = new(L("PALETTE COLOR", 8, 8), [PaletteDarkIndex], [PaletteGrayIndex], Palette(256, 0, 8)),
            ["PALETTE COLOR 16, first mapped 1000"] = new(L("PALETTE COLOR", 16, 16), [1000 + PaletteDarkIndex], [1000 + PaletteGrayIndex], Palette(300, 1000, 16)),
            ["PALETTE COLOR 16 big endian, 65536 entries"] = new(L("PALETTE COLOR", 16, 16, be: true), [PaletteDarkIndex], [PaletteGrayIndex], Palette(0, 0, 16)),
        };
        return d;
    }

    /// <summary>
    /// A palette whose entries are bright (luminance above 0.8) except a black entry at
    /// <see cref="PaletteDarkIndex"/> and a mid grey at <see cref="PaletteGrayIndex"/>; a second black entry
    /// later on checks that ties go to the lowest index.
    /// </summary>
    public static PaletteLuts Palette(int descriptorEntries, int firstMapped, int bits, int seed = 7)
    {
        int entries = descriptorEntries == 0 ? 65536 : descriptorEntries;
        var rng = new Random(seed);
        var channels = new ushort[3][];
        int full = bits == 16 ? 65535 : 255;
        for (int c = 0; c < 3; c++)
        {
            var v = new int[entries];
            for (int i = 0; i < entries; i++) v[i] = rng.Next(full * 85 / 100, full + 1);
            v[PaletteDarkIndex] = 0;
            v[entries - 2] = 0; // a tie, later: must lose to PaletteDarkIndex
            v[PaletteGrayIndex] = (full + 1) / 2;
            channels[c] = bits == 16 ? Array.ConvertAll(v, x => (ushort)x) : PackBytes(v);
        }

        return new PaletteLuts(
            new PaletteLut(descriptorEntries, firstMapped, bits, channels[0]),
            new PaletteLut(descriptorEntries, firstMapped, bits, channels[1]),
            new PaletteLut(descriptorEntries, firstMapped, bits, channels[2]));
    }

    /// <summary>8-bit entries two per word, the first in the low byte (PS3.3 C.7.6.3.1.6).</summary>
    private static ushort[] PackBytes(int[] v)
    {
        var words = new ushort[(v.Length + 1) / 2];
        for (int i = 0; i < v.Length; i++) words[i / 2] |= (ushort)(v[i] << (8 * (i & 1)));
        return words;
    }
}
