using System.Buffers;
using System.Buffers.Binary;

namespace PixelScrub.Imaging;

/// <summary>
/// Writes GIF89a, one frame at a time: grey images with a 256-level grey palette (exact), RGB images with a fixed
/// palette of a 6x6x6 colour cube plus a 40-level grey ramp and 4x4 ordered dither (near-grey pixels, most of a
/// medical image, use the ramp, so grey stays grey). More than one frame makes an animation that loops through the
/// NETSCAPE2.0 application extension. For viewers without APNG.
/// </summary>
internal sealed class GifWriter
{
    // A 4x4 Bayer threshold matrix, values 0..15.
    private static ReadOnlySpan<byte> Bayer => [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

    private const int CubeLevels = 6;
    private const int CubeSize = CubeLevels * CubeLevels * CubeLevels;
    private const int GreyLevels = 256 - CubeSize;

    /// <summary>Pixels whose channels differ by at most this much are drawn from the grey ramp.</summary>
    private const int GreyChroma = 12;

    private readonly Stream _output;
    private readonly int _width;
    private readonly int _height;
    private readonly int _channels;
    private readonly ushort _delay;
    private readonly bool _animated;
    private readonly GifLzwEncoder _encoder = new();
    private bool _finished;

    /// <param name="animated">write the looping extension and a delay per frame</param>
    /// <param name="delayCentiseconds">time each frame shows, in 1/100 s</param>
    /// <param name="loops">times to play, 0 for forever</param>
    public GifWriter(Stream output, int width, int height, int channels, bool animated, ushort delayCentiseconds = 10, ushort loops = 0)
    {
        if (width is <= 0 or > ushort.MaxValue || height is <= 0 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(width), "GIF images are 1 to 65535 pixels wide and high");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels));
        _output = output;
        _width = width;
        _height = height;
        _channels = channels;
        _delay = delayCentiseconds;
        _animated = animated;

        Span<byte> header = stackalloc byte[13];
        "GIF89a"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(8), (ushort)height);
        header[10] = 0xF7; // global colour table, 8-bit colour resolution, 256 entries
        header[11] = 0; // background colour index
        header[12] = 0; // no aspect ratio
        output.Write(header);
        output.Write(BuildPalette(channels));

        if (animated)
        {
            Span<byte> netscape = stackalloc byte[19];
            netscape[0] = 0x21;
            netscape[1] = 0xFF;
            netscape[2] = 11;
            "NETSCAPE2.0"u8.CopyTo(netscape.Slice(3));
            netscape[14] = 3;
            netscape[15] = 1;
            BinaryPrimitives.WriteUInt16LittleEndian(netscape.Slice(16), loops);
            netscape[18] = 0;
            output.Write(netscape);
        }
    }

    /// <summary>The palette entry of an index for RGB images: the colour cube, then the grey ramp.</summary>
    public static (byte R, byte G, byte B) PaletteColour(int index)
    {
        if (index >= CubeSize)
        {
            byte v = (byte)((index - CubeSize) * 255 / (GreyLevels - 1));
            return (v, v, v);
        }

        const int step = 255 / (CubeLevels - 1);
        return ((byte)(index / (CubeLevels * CubeLevels) * step), (byte)(index / CubeLevels % CubeLevels * step), (byte)(index % CubeLevels * step));
    }

    public void AddFrame(RenderedImage frame)
    {
        if (_finished) throw new InvalidOperationException("the GIF is finished");
        if (frame.Width != _width || frame.Height != _height || frame.Channels != _channels)
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}x{frame.Channels}, the GIF {_width}x{_height}x{_channels}", nameof(frame));

        if (_animated)
        {
            Span<byte> gce = [0x21, 0xF9, 4, 0x04 /* disposal 1: leave in place */, 0, 0, 0, 0];
            BinaryPrimitives.WriteUInt16LittleEndian(gce.Slice(4), _delay);
            _output.Write(gce);
        }

        Span<byte> descriptor = stackalloc byte[10];
        descriptor[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.Slice(1), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.Slice(3), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.Slice(5), (ushort)_width);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.Slice(7), (ushort)_height);
        descriptor[9] = 0; // no local colour table, not interlaced
        _output.Write(descriptor);

        if (_channels == 1)
        {
            _encoder.Encode(frame.Pixels, _output);
            return;
        }

        int n = _width * _height;
        byte[] owner = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var indices = owner.AsSpan(0, n);
            Quantize(frame, indices);
            _encoder.Encode(indices, _output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(owner);
        }
    }

    /// <summary>Writes the trailer.</summary>
    public void Finish()
    {
        if (_finished) return;
        _output.WriteByte(0x3B);
        _finished = true;
    }

    private static byte[] BuildPalette(int channels)
    {
        var palette = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            if (channels == 1)
            {
                palette[3 * i] = palette[3 * i + 1] = palette[3 * i + 2] = (byte)i;
            }
            else
            {
                var (r, g, b) = PaletteColour(i);
                palette[3 * i] = r;
                palette[3 * i + 1] = g;
                palette[3 * i + 2] = b;
            }
        }

        return palette;
    }

    /// <summary>Ordered dither: level = floor(v * (levels - 1) / 255 + threshold), per channel in the cube or on the grey ramp.</summary>
    private static void Quantize(RenderedImage image, Span<byte> indices)
    {
        var px = image.Pixels.AsSpan();
        var bayer = Bayer;
        for (int y = 0; y < image.Height; y++)
        {
            int row = y * image.Width;
            for (int x = 0; x < image.Width; x++)
            {
                int i = row + x;
                int t = bayer[((y & 3) << 2) | (x & 3)] * 2 + 1; // threshold in 32nds: (b + 0.5) / 16
                int r = px[3 * i], g = px[3 * i + 1], b = px[3 * i + 2];
                int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
                if (max - min <= GreyChroma)
                {
                    int luma = (r * 299 + g * 587 + b * 114 + 500) / 1000;
                    indices[i] = (byte)(CubeSize + Level(luma, GreyLevels, t));
                }
                else
                {
                    indices[i] = (byte)((Level(r, CubeLevels, t) * CubeLevels + Level(g, CubeLevels, t)) * CubeLevels + Level(b, CubeLevels, t));
                }
            }
        }
    }

    private static int Level(int v, int levels, int threshold32)
    {
        int scaled = v * (levels - 1) * 32 / 255 + threshold32; // in 32nds of a level
        int level = scaled >> 5;
        return level >= levels ? levels - 1 : level;
    }
}
