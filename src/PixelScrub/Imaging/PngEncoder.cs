using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace PixelScrub.Imaging;

/// <summary>The parts PNG and APNG share: signature, IHDR, the filtered and zlib-compressed image data.</summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG signature and IHDR for an 8-bit grey (colour type 0) or RGB (colour type 2) image.</summary>
    public static void WriteHeader(Stream output, int width, int height, int channels)
    {
        output.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.Slice(4), (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = channels == 1 ? (byte)0 : (byte)2;
        ihdr[10] = 0; // compression method 0 (deflate)
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        PngChunkWriter.Write(output, "IHDR"u8, ihdr);
    }

    public static void WriteEnd(Stream output) => PngChunkWriter.Write(output, "IEND"u8, []);

    /// <summary>Filters and compresses the image into IDAT chunks, or fdAT chunks when a sequence source is given.</summary>
    public static void WriteImageData(Stream output, RenderedImage image, CompressionLevel level, Func<uint>? nextSequence)
    {
        int stride = image.Stride;
        byte[] rowOwner = ArrayPool<byte>.Shared.Rent(stride + 1);
        try
        {
            var filtered = rowOwner.AsSpan(0, stride + 1);
            var data = new PngDataStream(output, nextSequence);
            using (var zlib = new ZLibStream(data, level, leaveOpen: true))
            {
                ReadOnlySpan<byte> previous = default;
                for (int y = 0; y < image.Height; y++)
                {
                    ReadOnlySpan<byte> row = image.Pixels.AsSpan(y * stride, stride);
                    PngFilter.FilterRow(row, previous, image.Channels, filtered);
                    zlib.Write(filtered);
                    previous = row;
                }
            }

            data.Complete();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rowOwner);
        }
    }
}
