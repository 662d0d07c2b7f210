using System.Buffers.Binary;
using System.IO.Compression;
using PixelScrub.Imaging;

namespace PixelScrub.Tests.Imaging;

/// <summary>
/// A minimal PNG / APNG reader for tests: 8-bit grey and RGB, non-interlaced. Checks every chunk CRC and the
/// APNG sequence numbers, unfilters independently of the writer's filter code, returns all frames.
/// </summary>
internal static class PngTestDecoder
{
    public sealed record Decoded(int Width, int Height, int Channels, List<byte[]> Frames, List<string> ChunkTypes, int DeclaredFrames);

    public static Decoded Decode(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "PNG signature");
        int pos = 8;
        int width = 0, height = 0, channels = 0, declared = 0;
        uint expectedSequence = 0;
        var types = new List<string>();
        var frames = new List<byte[]>();
        MemoryStream? current = null;
        while (pos < png.Length)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos)));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(ReferenceCrc(png.AsSpan(pos + 4, length + 4)), crc);
            types.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4));
                    Assert.Equal(8, data[8]);
                    channels = data[9] switch { 0 => 1, 2 => 3, _ => throw new InvalidDataException($"colour type {data[9]}") };
                    Assert.Equal(0, data[12]);
                    break;
                case "acTL":
                    declared = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    break;
                case "fcTL":
                    Assert.Equal(expectedSequence++, BinaryPrimitives.ReadUInt32BigEndian(data));
                    if (current is not null) frames.Add(Unfilter(current.ToArray(), width, height, channels));
                    current = new MemoryStream();
                    break;
                case "IDAT":
                    current ??= new MemoryStream();
                    current.Write(data);
                    break;
                case "fdAT":
                    Assert.Equal(expectedSequence++, BinaryPrimitives.ReadUInt32BigEndian(data));
                    current!.Write(data.Slice(4));
                    break;
                case "IEND":
                    if (current is not null) frames.Add(Unfilter(current.ToArray(), width, height, channels));
                    current = null;
                    break;
            }

            pos += 12 + length;
        }

        Assert.Equal("IEND", types[^1]);
        return new Decoded(width, height, channels, frames, types, declared);
    }

    private static byte[] Unfilter(byte[] zlib, int width, int height, int channels)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        var raw = new MemoryStream();
        input.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * channels;
        Assert.Equal((stride + 1) * height, bytes.Length);
        var image = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int type = bytes[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int x = bytes[y * (stride + 1) + 1 + i];
                int a = i >= channels ? image[y * stride + i - channels] : 0;
                int b = y > 0 ? image[(y - 1) * stride + i] : 0;
                int c = y > 0 && i >= channels ? image[(y - 1) * stride + i - channels] : 0;
                int predictor = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PaethReference(a, b, c),
                    _ => throw new InvalidDataException($"filter {type}"),
                };
                image[y * stride + i] = (byte)(x + predictor);
            }
        }

        return image;
    }

    private static int PaethReference(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Bitwise CRC-32 (no table), independent of the writer's table code.</summary>
    private static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }

        return ~crc;
    }
}
