using System.Buffers;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// JPEG-LS through CharLS 2.x loaded at run time: decodes 1.2.840.10008.1.2.4.80 (lossless) and .81
/// (near-lossless), encodes .80. In-process: a fault in the library takes the process down, so the pipeline
/// runs this inside <see cref="NativeCodecWorker"/> and talks to it through <see cref="OutOfProcessCodec"/>.
/// </summary>
internal sealed unsafe class CharLsCodec : IFrameCodec
{
    public const string LosslessUid = "1.2.840.10008.1.2.4.80";
    public const string NearLosslessUid = "1.2.840.10008.1.2.4.81";

    private static readonly string[] Uids = [LosslessUid, NearLosslessUid];
    private readonly string _library;

    /// <param name="library">The shared library to load (tests pass a missing name to see the failure).</param>
    public CharLsCodec(string library = NativeLibraryNames.CharLs) => _library = library;

    public IReadOnlyList<string> TransferSyntaxUids => Uids;

    public bool CanEncode(string transferSyntaxUid) => transferSyntaxUid == LosslessUid;

    public bool IsLossless(string transferSyntaxUid) => transferSyntaxUid == LosslessUid;

    public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        CheckUid(transferSyntaxUid);
        CheckLayout(layout);
        if (destination.Length < layout.BytesPerFrame)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {layout.BytesPerFrame}", nameof(destination));
        if (compressedFrame.IsEmpty) throw new JpegFormatException("the JPEG-LS frame is empty", 0, frameIndex);
        CheckEnd(compressedFrame, frameIndex);

        var api = CharLsApi.Load(_library);
        nint decoder = api.DecoderCreate();
        if (decoder == 0) throw new OutOfMemoryException("CharLS could not create a decoder");
        byte[]? rented = null;
        try
        {
            fixed (byte* source = compressedFrame)
            {
                Check(api, api.DecoderSetSourceBuffer(decoder, source, (nuint)compressedFrame.Length), "reading the stream", frameIndex);
                Check(api, api.DecoderReadHeader(decoder), "reading the header", frameIndex);
                CharLsApi.FrameInfo info;
                Check(api, api.DecoderGetFrameInfo(decoder, &info), "reading the frame header", frameIndex);
                // The SOF55 frame header must describe the image the dataset declares (PS3.5 8.2.3).
                if (info.Width != layout.Columns || info.Height != layout.Rows || info.ComponentCount != layout.SamplesPerPixel)
                    throw new JpegFormatException(
                        $"the JPEG-LS frame is {info.Width} x {info.Height} with {info.ComponentCount} component(s); the dataset declares " +
                        $"{layout.Columns} x {layout.Rows} with {layout.SamplesPerPixel}", 0, frameIndex);
                if (info.BitsPerSample > layout.BitsAllocated || info.BitsPerSample < 2)
                    throw new JpegFormatException(
                        $"the JPEG-LS frame has {info.BitsPerSample}-bit samples; Bits Allocated is {layout.BitsAllocated}", 0, frameIndex);

                int interleave;
                Check(api, api.DecoderGetInterleaveMode(decoder, &interleave), "reading the interleave mode", frameIndex);
                int sampleBytes = info.BitsPerSample <= 8 ? 1 : 2;
                long expected = layout.PixelsPerFrame * layout.SamplesPerPixel * sampleBytes;
                nuint size;
                Check(api, api.DecoderGetDestinationSize(decoder, 0, &size), "sizing the output", frameIndex);
                if ((long)size != expected)
                    throw new JpegFormatException($"CharLS needs {size} bytes for the frame; the layout gives {expected}", 0, frameIndex);

                // Interleave mode none is colour-by-plane; line and sample come out colour-by-pixel.
                bool planar = interleave == CharLsApi.InterleaveNone && layout.SamplesPerPixel > 1;
                rented = ArrayPool<byte>.Shared.Rent((int)expected);
                fixed (byte* target = rented)
                {
                    Check(api, api.DecoderDecodeToBuffer(decoder, target, size, 0), "decoding", frameIndex);
                }

                NativeFrameLayout.ToNative(rented.AsSpan(0, (int)expected), sampleBytes, planar, layout, destination);
            }
        }
        finally
        {
            api.DecoderDestroy(decoder);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex)
    {
        if (transferSyntaxUid != LosslessUid)
            throw new UnsupportedInputException($"PixelScrub writes JPEG-LS only as lossless ({LosslessUid}), not {transferSyntaxUid}");
        CheckLayout(layout);
        if (nativeFrame.Length < layout.BytesPerFrame)
            throw new ArgumentException($"the native frame has {nativeFrame.Length} bytes; the layout needs {layout.BytesPerFrame}", nameof(nativeFrame));

        var api = CharLsApi.Load(_library);
        int sampleBytes = layout.BitsStored <= 8 ? 1 : 2;
        int sourceLength = (int)(layout.PixelsPerFrame * layout.SamplesPerPixel * sampleBytes);
        byte[] source = ArrayPool<byte>.Shared.Rent(sourceLength);
        byte[]? target = null;
        nint encoder = api.EncoderCreate();
        if (encoder == 0) throw new OutOfMemoryException("CharLS could not create an encoder");
        try
        {
            NativeFrameLayout.FromNative(nativeFrame, layout, source, sampleBytes);
            var info = new CharLsApi.FrameInfo
            {
                Width = (uint)layout.Columns, Height = (uint)layout.Rows,
                BitsPerSample = layout.BitsStored, ComponentCount = layout.SamplesPerPixel,
            };
            int interleave = layout.SamplesPerPixel == 1 || layout.PlanarConfiguration == 1 ? CharLsApi.InterleaveNone : CharLsApi.InterleaveSample;
            CheckEncode(api, api.EncoderSetFrameInfo(encoder, &info), frameIndex);
            CheckEncode(api, api.EncoderSetNearLossless(encoder, 0), frameIndex);
            CheckEncode(api, api.EncoderSetInterleaveMode(encoder, interleave), frameIndex);
            nuint estimate;
            CheckEncode(api, api.EncoderGetEstimatedDestinationSize(encoder, &estimate), frameIndex);
            if (estimate > (nuint)Array.MaxLength) throw new UnsupportedInputException("the JPEG-LS frame is too large to encode");
            target = ArrayPool<byte>.Shared.Rent((int)estimate);
            nuint written;
            fixed (byte* s = source)
            fixed (byte* t = target)
            {
                CheckEncode(api, api.EncoderSetDestinationBuffer(encoder, t, estimate), frameIndex);
                CheckEncode(api, api.EncoderEncodeFromBuffer(encoder, s, (nuint)sourceLength, 0), frameIndex);
                CheckEncode(api, api.EncoderGetBytesWritten(encoder, &written), frameIndex);
            }

            int length = (int)written;
            int padded = length + (length & 1); // fragments are even length; a trailing NUL pads (PS3.5 A.4)
            var span = output.GetSpan(padded);
            target.AsSpan(0, length).CopyTo(span);
            if (padded != length) span[length] = 0;
            output.Advance(padded);
        }
        finally
        {
            api.EncoderDestroy(encoder);
            ArrayPool<byte>.Shared.Return(source);
            if (target is not null) ArrayPool<byte>.Shared.Return(target);
        }
    }

    /// <summary>
    /// A JPEG-LS stream ends with EOI (ISO 14495-1 C.1, as T.81 B.2.1); only a NUL pad byte may follow in DICOM
    /// (PS3.5 A.4). CharLS 2.4 can take tens of seconds to reject a truncated stream, so a missing EOI is
    /// refused here, at once.
    /// </summary>
    private static void CheckEnd(ReadOnlySpan<byte> frame, int frameIndex)
    {
        int end = frame.Length;
        if (end > 0 && frame[end - 1] == 0) end--;
        if (end < 4 || frame[end - 2] != 0xFF || frame[end - 1] != 0xD9)
            throw new JpegFormatException("the JPEG-LS stream does not end with an EOI marker (truncated)", frame.Length, frameIndex);
    }

    private static void CheckUid(string uid)
    {
        if (uid != LosslessUid && uid != NearLosslessUid)
            throw new ArgumentException($"the JPEG-LS codec does not handle transfer syntax {uid}", nameof(uid));
    }

    private static void CheckLayout(PixelLayout layout)
    {
        if (layout.Format != SampleFormat.Integer || layout.BitsAllocated is not (8 or 16) || layout.BitsStored is < 2 or > 16 ||
            layout.BitsStored > layout.BitsAllocated || layout.SamplesPerPixel is < 1 or > 4 || layout.Rows <= 0 || layout.Columns <= 0 ||
            layout.Rows > 65535 || layout.Columns > 65535)
            throw new UnsupportedInputException(
                $"JPEG-LS with {layout.SamplesPerPixel} sample(s), Bits Allocated {layout.BitsAllocated}, Bits Stored {layout.BitsStored}, " +
                $"{layout.Columns} x {layout.Rows} is not supported");
    }

    private static void Check(CharLsApi api, int errc, string step, int frameIndex)
    {
        if (errc != 0) throw new JpegFormatException($"JPEG-LS {step} failed: {api.Message(errc)}", 0, frameIndex);
    }

    private static void CheckEncode(CharLsApi api, int errc, int frameIndex)
    {
        if (errc != 0) throw new UnsupportedInputException($"JPEG-LS encoding of frame {frameIndex} failed: {api.Message(errc)}");
    }
}
