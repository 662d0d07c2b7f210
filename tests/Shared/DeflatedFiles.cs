using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PixelScrub.Tests.Support;

/// <summary>
/// Builds Deflated Explicit VR Little Endian files (PS3.5 A.5) byte by byte, without our writer: a Part 10 meta group,
/// then a raw deflate stream of an explicit VR LE dataset. Used for deflate bombs and large deflated images.
/// </summary>
public static class DeflatedFiles
{
    public const string DeflatedUid = "1.2.840.10008.1.2.1.99";

    /// <summary>
    /// A 16 x 16 16-bit MONOCHROME2 image whose pixel data element claims <paramref name="declaredLength"/> bytes and
    /// whose deflate stream really inflates to <paramref name="zeroBytes"/> zero bytes of it: a deflate bomb when the
    /// zeros are many (1 GiB of zeros deflates to about 1 MB).
    /// </summary>
    public static void WritePixelBomb(string path, uint declaredLength, long zeroBytes) =>
        Write(path, ds =>
        {
            Image(ds, rows: 16, columns: 16, frames: 1);
            Header(ds, 0x7FE0, 0x0010, "OW", declaredLength);
            Zeros(ds, zeroBytes);
        });

    /// <summary>A bomb in the header: a private OB element before the pixel data that inflates to <paramref name="zeroBytes"/>.</summary>
    public static void WriteHeaderBomb(string path, uint declaredLength, long zeroBytes) =>
        Write(path, ds =>
        {
            Image(ds, rows: 16, columns: 16, frames: 1);
            Header(ds, 0x0029, 0x0010, "LO", 8);
            ds.Write("BOMB    "u8);
            Header(ds, 0x0029, 0x1010, "OB", declaredLength);
            Zeros(ds, zeroBytes);
        });

    /// <summary>A real image: <paramref name="rows"/> x <paramref name="columns"/> 16-bit, pixel i = i * 7 (mod 65536).</summary>
    public static byte[] WriteImage(string path, int rows, int columns)
    {
        var pixels = new byte[rows * columns * 2];
        for (int i = 0; i < rows * columns; i++) BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)(i * 7));
        Write(path, ds =>
        {
            Image(ds, rows, columns, frames: 1);
            Header(ds, 0x7FE0, 0x0010, "OW", (uint)pixels.Length);
            ds.Write(pixels);
        });
        return pixels;
    }

    private static void Write(string path, Action<Stream> dataset)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        fs.Write(new byte[128]);
        fs.Write("DICM"u8);
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Element(meta, 0x0002, 0x0002, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
        Element(meta, 0x0002, 0x0003, "UI", Ui("1.2.3.4.5.6.7.8.9"));
        Element(meta, 0x0002, 0x0010, "UI", Ui(DeflatedUid));
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        Element(fs, 0x0002, 0x0000, "UL", groupLength);
        meta.WriteTo(fs);
        using var deflate = new DeflateStream(fs, CompressionLevel.Optimal, leaveOpen: true);
        dataset(deflate);
    }

    private static void Image(Stream ds, int rows, int columns, int frames)
    {
        Element(ds, 0x0008, 0x0016, "UI", Ui("1.2.840.10008.5.1.4.1.1.7"));
        Element(ds, 0x0008, 0x0018, "UI", Ui("1.2.3.4.5.6.7.8.9"));
        Element(ds, 0x0028, 0x0002, "US", U16(1));
        Element(ds, 0x0028, 0x0004, "CS", Encoding.ASCII.GetBytes("MONOCHROME2 "));
        if (frames != 1) Element(ds, 0x0028, 0x0008, "IS", Encoding.ASCII.GetBytes(frames.ToString().PadRight(2)));
        Element(ds, 0x0028, 0x0010, "US", U16(rows));
        Element(ds, 0x0028, 0x0011, "US", U16(columns));
        Element(ds, 0x0028, 0x0100, "US", U16(16));
        Element(ds, 0x0028, 0x0101, "US", U16(16));
        Element(ds, 0x0028, 0x0102, "US", U16(15));
        Element(ds, 0x0028, 0x0103, "US", U16(0));
    }

    private static void Zeros(Stream s, long count)
    {
        var zeros = new byte[1 << 20];
        while (count > 0)
        {
            int n = (int)Math.Min(zeros.Length, count);
            s.Write(zeros, 0, n);
            count -= n;
        }
    }

    private static byte[] U16(int v) => [(byte)v, (byte)(v >> 8)];

    private static byte[] Ui(string uid)
    {
        var b = Encoding.ASCII.GetBytes(uid);
        return b.Length % 2 == 0 ? b : [.. b, 0];
    }

    private static void Element(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        Header(s, group, element, vr, (uint)value.Length);
        s.Write(value);
    }

    /// <summary>An explicit VR little endian element header (PS3.5 7.1.2).</summary>
    private static void Header(Stream s, ushort group, ushort element, string vr, uint length)
    {
        Span<byte> h = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], element);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "OF" or "OD" or "OL" or "OV" or "SQ" or "UN" or "UC" or "UR" or "UT" or "SV" or "UV")
        {
            h[6] = h[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], length);
            s.Write(h);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)length);
            s.Write(h[..8]);
        }
    }
}
