using System.Buffers.Binary;

namespace PixelScrub.Imaging;

/// <summary>Writes PNG chunks (length, type, data, CRC over type and data; PNG spec 5.3) to a stream.</summary>
internal static class PngChunkWriter
{
    public static void Write(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        type.CopyTo(header.Slice(4));
        output.Write(header);
        output.Write(data);
        uint crc = Crc32.Update(Crc32.Start, type);
        crc = Crc32.Finish(Crc32.Update(crc, data));
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, crc);
        output.Write(trailer);
    }
}
