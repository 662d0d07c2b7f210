using System.Buffers.Binary;
using System.Text;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// The length-prefixed messages between <see cref="NativeCodecClient"/> and <see cref="NativeCodecWorker"/>,
/// all integers little endian.
/// Request: magic "PSCQ", operation (1 byte: 1 decode, 2 encode, 3 recognise text), transfer syntax UID (string), layout
/// (rows, columns, samples, bits allocated, bits stored, high bit, planar configuration as int32; signed,
/// big endian as 1 byte each; photometric string), frame index (int32), payload (int32 length + bytes).
/// Response: magic "PSCR", status (1 byte), offset (int64), message (string), payload.
/// A string is an int32 byte count and UTF-8 bytes.
/// </summary>
internal static class NativeCodecProtocol
{
    public const uint RequestMagic = 0x51435350; // "PSCQ"
    public const uint ResponseMagic = 0x52435350; // "PSCR"
    public const byte Decode = 1;
    public const byte Encode = 2;

    /// <summary>OCR: the payload is a batch of line images (<see cref="Text.Ocr.OcrMessages"/>), the answer their words.</summary>
    public const byte Recognise = 3;

    public const byte StatusOk = 0;
    public const byte StatusJpegFormat = 1;
    public const byte StatusUnsupported = 2;
    public const byte StatusDicomFormat = 3;
    public const byte StatusFailed = 4;

    /// <summary>Largest payload either side accepts (one frame, compressed or native).</summary>
    public const int MaxPayload = 1 << 30;

    private const int MaxString = 1 << 16;

    public sealed record Request(byte Operation, string TransferSyntax, PixelLayout Layout, int FrameIndex, byte[] Payload);

    public sealed record Response(byte Status, long Offset, string Message, byte[] Payload);

    public static void WriteRequest(Stream stream, byte operation, string transferSyntax, PixelLayout layout, int frameIndex, ReadOnlySpan<byte> payload)
    {
        using var buffer = new MemoryStream(64 + payload.Length);
        WriteUInt32(buffer, RequestMagic);
        buffer.WriteByte(operation);
        WriteString(buffer, transferSyntax);
        WriteInt32(buffer, layout.Rows);
        WriteInt32(buffer, layout.Columns);
        WriteInt32(buffer, layout.SamplesPerPixel);
        WriteInt32(buffer, layout.BitsAllocated);
        WriteInt32(buffer, layout.BitsStored);
        WriteInt32(buffer, layout.HighBit);
        WriteInt32(buffer, layout.PlanarConfiguration);
        buffer.WriteByte(layout.IsSigned ? (byte)1 : (byte)0);
        buffer.WriteByte(layout.BigEndian ? (byte)1 : (byte)0);
        WriteString(buffer, layout.Photometric);
        WriteInt32(buffer, frameIndex);
        WriteInt32(buffer, payload.Length);
        buffer.Write(payload);
        buffer.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>Reads a request; null at a clean end of the stream (no bytes before it).</summary>
    public static Request? ReadRequest(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        int first = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (first == 0) return null;
        if (first < 4 || BinaryPrimitives.ReadUInt32LittleEndian(magic) != RequestMagic)
            throw new InvalidDataException("the codec worker received something that is not a request");
        byte operation = ReadByte(stream);
        string syntax = ReadString(stream);
        var layout = new PixelLayout
        {
            Rows = ReadInt32(stream),
            Columns = ReadInt32(stream),
            SamplesPerPixel = ReadInt32(stream),
            BitsAllocated = ReadInt32(stream),
            BitsStored = ReadInt32(stream),
            HighBit = ReadInt32(stream),
            PlanarConfiguration = ReadInt32(stream),
            IsSigned = ReadByte(stream) != 0,
            BigEndian = ReadByte(stream) != 0,
            Photometric = ReadString(stream),
        };
        int frame = ReadInt32(stream);
        return new Request(operation, syntax, layout, frame, ReadPayload(stream));
    }

    public static void WriteResponse(Stream stream, byte status, long offset, string message, ReadOnlySpan<byte> payload)
    {
        using var buffer = new MemoryStream(32 + payload.Length);
        WriteUInt32(buffer, ResponseMagic);
        buffer.WriteByte(status);
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(eight, offset);
        buffer.Write(eight);
        WriteString(buffer, message);
        WriteInt32(buffer, payload.Length);
        buffer.Write(payload);
        buffer.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>Reads a response; throws <see cref="EndOfStreamException"/> when the worker went away.</summary>
    public static Response ReadResponse(Stream stream)
    {
        if (ReadUInt32(stream) != ResponseMagic) throw new InvalidDataException("the codec worker sent something that is not a response");
        byte status = ReadByte(stream);
        Span<byte> eight = stackalloc byte[8];
        stream.ReadExactly(eight);
        long offset = BinaryPrimitives.ReadInt64LittleEndian(eight);
        string message = ReadString(stream);
        return new Response(status, offset, message, ReadPayload(stream));
    }

    private static byte[] ReadPayload(Stream stream)
    {
        int length = ReadInt32(stream);
        if (length < 0 || length > MaxPayload) throw new InvalidDataException($"a codec worker message declares {length} payload bytes");
        byte[] payload = GC.AllocateUninitializedArray<byte>(length);
        stream.ReadExactly(payload);
        return payload;
    }

    private static void WriteString(Stream s, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value.Length > MaxString / 4 ? value[..(MaxString / 4)] : value);
        WriteInt32(s, bytes.Length);
        s.Write(bytes);
    }

    private static string ReadString(Stream s)
    {
        int length = ReadInt32(s);
        if (length < 0 || length > MaxString) throw new InvalidDataException($"a codec worker message declares a {length}-byte string");
        byte[] bytes = new byte[length];
        s.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static byte ReadByte(Stream s)
    {
        int b = s.ReadByte();
        return b < 0 ? throw new EndOfStreamException() : (byte)b;
    }

    private static void WriteInt32(Stream s, int value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, value);
        s.Write(four);
    }

    private static void WriteUInt32(Stream s, uint value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(four, value);
        s.Write(four);
    }

    private static int ReadInt32(Stream s)
    {
        Span<byte> four = stackalloc byte[4];
        s.ReadExactly(four);
        return BinaryPrimitives.ReadInt32LittleEndian(four);
    }

    private static uint ReadUInt32(Stream s)
    {
        Span<byte> four = stackalloc byte[4];
        s.ReadExactly(four);
        return BinaryPrimitives.ReadUInt32LittleEndian(four);
    }
}
