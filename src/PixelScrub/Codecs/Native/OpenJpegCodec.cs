using System.Buffers;
using System.Runtime.InteropServices;
using PixelScrub.Pixels;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// JPEG 2000 through OpenJPEG 2.5 loaded at run time: decodes 1.2.840.10008.1.2.4.90 (lossless only) and .91,
/// encodes .90 (reversible 5/3 wavelet, one quality layer, no multi-component transform so the
/// Photometric Interpretation stays as it is). In-process; the pipeline isolates it in
/// <see cref="NativeCodecWorker"/>. 1-bit frames (Bits Allocated 1, one sample) are a code stream of one 1-bit unsigned
/// component; the native side is packed, eight pixels per byte, least significant bit first (PS3.5 8.1.1).
/// </summary>
internal sealed unsafe class OpenJpegCodec : IFrameCodec
{
    public const string LosslessUid = "1.2.840.10008.1.2.4.90";
    public const string LossyUid = "1.2.840.10008.1.2.4.91";

    /// <summary>
    /// High-Throughput JPEG 2000 (PS3.5 A.4.11; Part 15 block coder in an ordinary JPEG 2000 code stream), decoded by
    /// OpenJPEG 2.5: lossless only, lossless only with RPCL progression, and possibly lossy. Nothing here encodes it.
    /// </summary>
    public const string HtLosslessUid = "1.2.840.10008.1.2.4.201", HtLosslessRpclUid = "1.2.840.10008.1.2.4.202", HtUid = "1.2.840.10008.1.2.4.203";

    internal static readonly string[] Uids = [LosslessUid, LossyUid, HtLosslessUid, HtLosslessRpclUid, HtUid];
    private readonly string _library;

    /// <param name="library">The shared library to load (tests pass a missing name to see the failure).</param>
    public OpenJpegCodec(string library = NativeLibraryNames.OpenJpeg) => _library = library;

    public IReadOnlyList<string> TransferSyntaxUids => Uids;

    public bool CanEncode(string transferSyntaxUid) => transferSyntaxUid == LosslessUid;

    public bool IsLossless(string transferSyntaxUid) => transferSyntaxUid is LosslessUid or HtLosslessUid or HtLosslessRpclUid;

    public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        if (!Uids.Contains(transferSyntaxUid))
            throw new ArgumentException($"the JPEG 2000 codec does not handle transfer syntax {transferSyntaxUid}", nameof(transferSyntaxUid));
        CheckLayout(layout);
        if (destination.Length < layout.BytesPerFrame)
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {layout.BytesPerFrame}", nameof(destination));
        if (compressedFrame.Length < 4) throw new JpegFormatException("the JPEG 2000 frame is too short", 0, frameIndex);

        var api = OpenJpegApi.Load(_library);
        // A JP2 file (signature box) instead of a bare code stream (PS3.5 A.4.4 wants the code stream) is still read.
        bool jp2 = compressedFrame.Length >= 12 && compressedFrame[4] == (byte)'j' && compressedFrame[5] == (byte)'P';
        nint codec = api.CreateDecompress(jp2 ? OpenJpegApi.CodecJp2 : OpenJpegApi.CodecJ2k);
        if (codec == 0) throw new OutOfMemoryException("OpenJPEG could not create a decoder");
        using var messages = new OpenJpegMessages();
        byte* parameters = (byte*)NativeMemory.AllocZeroed(OpenJpegApi.DecoderParametersBytes);
        nint stream = 0;
        nint image = 0;
        try
        {
            messages.Attach(api, codec);
            api.SetDefaultDecoderParameters(parameters);
            if (api.SetupDecoder(codec, parameters) == 0) throw Failure("setting up the decoder", messages, frameIndex);
            // Strict mode: a truncated code stream is an error, not an image with missing tiles.
            api.DecoderSetStrictMode(codec, 1);
            fixed (byte* data = compressedFrame)
            {
                using var source = OpenJpegStream.ForReading(data, compressedFrame.Length);
                stream = source.Create(api);
                if (api.ReadHeader(stream, codec, &image) == 0 || image == 0) throw Failure("reading the header", messages, frameIndex);
                CheckHeader(image, layout, frameIndex);
                if (api.DecodeImage(codec, stream, image) == 0) throw Failure("decoding", messages, frameIndex);
                if (api.EndDecompress(codec, stream) == 0) throw Failure("finishing the decode", messages, frameIndex);
                api.StreamDestroy(stream);
                stream = 0;
            }

            CopyOut(image, layout, destination, frameIndex);
        }
        finally
        {
            if (stream != 0) api.StreamDestroy(stream);
            if (image != 0) api.ImageDestroy(image);
            api.DestroyCodec(codec);
            NativeMemory.Free(parameters);
        }
    }

    public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex)
    {
        if (transferSyntaxUid != LosslessUid)
            throw new UnsupportedInputException($"PixelScrub writes JPEG 2000 only as lossless ({LosslessUid}), not {transferSyntaxUid}");
        CheckLayout(layout);
        if (nativeFrame.Length < layout.BytesPerFrame)
            throw new ArgumentException($"the native frame has {nativeFrame.Length} bytes; the layout needs {layout.BytesPerFrame}", nameof(nativeFrame));

        var api = OpenJpegApi.Load(_library);
        int samples = layout.SamplesPerPixel;
        int rows = layout.Rows;
        int columns = layout.Columns;
        byte* componentParameters = stackalloc byte[OpenJpegApi.ComponentParameterBytes * 4];
        new Span<byte>(componentParameters, OpenJpegApi.ComponentParameterBytes * 4).Clear();
        for (int c = 0; c < samples; c++)
        {
            uint* p = (uint*)(componentParameters + c * OpenJpegApi.ComponentParameterBytes);
            p[0] = 1; p[1] = 1; p[2] = (uint)columns; p[3] = (uint)rows; // dx, dy, w, h; x0 = y0 = 0
            p[6] = (uint)layout.BitsStored; p[7] = (uint)layout.BitsStored; p[8] = layout.IsSigned ? 1u : 0u; // prec, bpp, sgnd
        }

        nint image = api.ImageCreate((uint)samples, componentParameters, samples == 1 ? OpenJpegApi.ColorSpaceGray : OpenJpegApi.ColorSpaceSrgb);
        if (image == 0) throw new OutOfMemoryException("OpenJPEG could not create an image");
        nint codec = 0;
        nint stream = 0;
        byte* parameters = (byte*)NativeMemory.AllocZeroed(OpenJpegApi.EncoderParametersBytes);
        using var messages = new OpenJpegMessages();
        using var target = OpenJpegStream.ForWriting(layout.BytesPerFrame / 2 + 1024);
        try
        {
            uint* header = (uint*)image;
            header[0] = 0; header[1] = 0; header[2] = (uint)columns; header[3] = (uint)rows; // x0, y0, x1, y1
            FillComponents(image, nativeFrame, layout);

            api.SetDefaultEncoderParameters(parameters);
            int resolutions = 6; // the default; fewer when the image is small (2^(levels) must fit, ISO 15444-1 B.5)
            while (resolutions > 1 && (1 << (resolutions - 1)) > Math.Min(rows, columns)) resolutions--;
            *(int*)(parameters + OpenJpegApi.NumResolutionOffset) = resolutions;
            *(int*)(parameters + OpenJpegApi.TcpNumLayersOffset) = 1;
            *(float*)(parameters + OpenJpegApi.TcpRatesOffset) = 0; // rate 0: lossless
            *(int*)(parameters + OpenJpegApi.CpDistoAllocOffset) = 1;
            *(int*)(parameters + OpenJpegApi.IrreversibleOffset) = 0; // reversible 5/3 wavelet
            parameters[OpenJpegApi.TcpMctOffset] = 0;

            codec = api.CreateCompress(OpenJpegApi.CodecJ2k);
            if (codec == 0) throw new OutOfMemoryException("OpenJPEG could not create an encoder");
            messages.Attach(api, codec);
            if (api.SetupEncoder(codec, parameters, image) == 0) throw EncodeFailure("setting up the encoder", messages, frameIndex);
            stream = target.Create(api);
            if (api.StartCompress(codec, image, stream) == 0) throw EncodeFailure("starting", messages, frameIndex);
            if (api.EncodeImage(codec, stream) == 0) throw EncodeFailure("encoding", messages, frameIndex);
            if (api.EndCompress(codec, stream) == 0) throw EncodeFailure("finishing", messages, frameIndex);
            api.StreamDestroy(stream); // flushes the stream's buffer into the target
            stream = 0;

            var written = target.Written;
            int padded = written.Length + (written.Length & 1); // even fragments; trailing NUL (PS3.5 A.4)
            var span = output.GetSpan(padded);
            written.CopyTo(span);
            if (padded != written.Length) span[written.Length] = 0;
            output.Advance(padded);
        }
        finally
        {
            if (stream != 0) api.StreamDestroy(stream);
            if (codec != 0) api.DestroyCodec(codec);
            api.ImageDestroy(image);
            NativeMemory.Free(parameters);
        }
    }

    private static void CheckLayout(PixelLayout layout)
    {
        if (layout.BitsAllocated == 1)
        {
            if (layout.Format != SampleFormat.Integer || layout.BitsStored != 1 || layout.SamplesPerPixel != 1 || layout.IsSigned ||
                layout.Rows <= 0 || layout.Columns <= 0)
                throw new UnsupportedInputException(
                    $"JPEG 2000 with Bits Allocated 1 needs one unsigned sample of 1 bit; the layout has {layout.SamplesPerPixel} sample(s), " +
                    $"Bits Stored {layout.BitsStored}{(layout.IsSigned ? ", signed" : "")}, {layout.Columns} x {layout.Rows}");
            return;
        }

        if (layout.Format != SampleFormat.Integer || layout.BitsAllocated is not (8 or 16) || layout.BitsStored is < 1 or > 16 ||
            layout.BitsStored > layout.BitsAllocated || layout.SamplesPerPixel is < 1 or > 4 || layout.Rows <= 0 || layout.Columns <= 0)
            throw new UnsupportedInputException(
                $"JPEG 2000 with {layout.SamplesPerPixel} sample(s), Bits Allocated {layout.BitsAllocated}, Bits Stored {layout.BitsStored}, " +
                $"{layout.Columns} x {layout.Rows} is not supported");
    }

    private static void CheckHeader(nint image, PixelLayout layout, int frameIndex)
    {
        uint* h = (uint*)image;
        long width = (long)h[2] - h[0];
        long height = (long)h[3] - h[1];
        uint components = h[4];
        // The SIZ marker must describe the image the dataset declares (PS3.5 8.2.4).
        if (width != layout.Columns || height != layout.Rows || components != layout.SamplesPerPixel)
            throw new JpegFormatException(
                $"the JPEG 2000 image is {width} x {height} with {components} component(s); the dataset declares " +
                $"{layout.Columns} x {layout.Rows} with {layout.SamplesPerPixel}", 0, frameIndex);
        byte* comps = *(byte**)((byte*)image + OpenJpegApi.ImageCompsOffset);
        for (int c = 0; c < components; c++)
        {
            uint* comp = (uint*)(comps + c * OpenJpegApi.ComponentBytes);
            if (comp[0] != 1 || comp[1] != 1)
                throw new UnsupportedInputException($"JPEG 2000 component {c} is subsampled ({comp[0]} x {comp[1]}); frame {frameIndex}");
            if (comp[6] == 0 || comp[6] > layout.BitsAllocated)
                throw new JpegFormatException($"JPEG 2000 component {c} has {comp[6]}-bit samples; Bits Allocated is {layout.BitsAllocated}", 0, frameIndex);
            if (layout.BitsAllocated == 1 && comp[8] != 0)
                throw new JpegFormatException("the JPEG 2000 component is a signed 1-bit sample; Bits Allocated 1 is unsigned (0 or 1)", 0, frameIndex);
        }
    }

    private static void CopyOut(nint image, PixelLayout layout, Span<byte> destination, int frameIndex)
    {
        byte* comps = *(byte**)((byte*)image + OpenJpegApi.ImageCompsOffset);
        int samples = layout.SamplesPerPixel;
        int pixels = layout.Rows * layout.Columns;
        bool planar = layout.PlanarConfiguration == 1 && samples > 1;
        bool wide = layout.BitsAllocated == 16;
        bool oneBit = layout.BitsAllocated == 1;
        if (oneBit) destination[..(int)layout.BytesPerFrame].Clear();
        for (int c = 0; c < samples; c++)
        {
            byte* comp = comps + c * OpenJpegApi.ComponentBytes;
            uint w = ((uint*)comp)[2];
            uint h = ((uint*)comp)[3];
            int* data = *(int**)(comp + OpenJpegApi.ComponentDataOffset);
            if (data == null || w != layout.Columns || h != layout.Rows)
                throw new JpegFormatException($"OpenJPEG returned component {c} as {w} x {h} without full data", 0, frameIndex);
            var values = new ReadOnlySpan<int>(data, pixels);
            for (int p = 0; p < pixels; p++)
            {
                int to = planar ? c * pixels + p : p * samples + c;
                int v = values[p];
                if (oneBit)
                {
                    // One unsigned 1-bit component (checked in the header): v is 0 or 1.
                    PackedBits.Set(destination, to, v);
                }
                else if (wide)
                {
                    destination[2 * to] = (byte)v;
                    destination[2 * to + 1] = (byte)(v >> 8);
                }
                else
                {
                    destination[to] = (byte)v;
                }
            }
        }
    }

    private static void FillComponents(nint image, ReadOnlySpan<byte> native, PixelLayout layout)
    {
        byte* comps = *(byte**)((byte*)image + OpenJpegApi.ImageCompsOffset);
        int samples = layout.SamplesPerPixel;
        int pixels = layout.Rows * layout.Columns;
        bool planar = layout.PlanarConfiguration == 1 && samples > 1;
        int bytes = layout.BitsAllocated / 8;
        int stored = layout.BitsStored;
        int shift = 32 - stored;
        for (int c = 0; c < samples; c++)
        {
            var data = new Span<int>(*(int**)(comps + c * OpenJpegApi.ComponentBytes + OpenJpegApi.ComponentDataOffset), pixels);
            for (int p = 0; p < pixels; p++)
            {
                int i = planar ? c * pixels + p : p * samples + c;
                if (layout.BitsAllocated == 1)
                {
                    data[p] = PackedBits.Get(native, i);
                    continue;
                }

                int raw = bytes == 1 ? native[i]
                    : layout.BigEndian ? native[2 * i] << 8 | native[2 * i + 1] : native[2 * i] | native[2 * i + 1] << 8;
                // Only Bits Stored bits are image data (PS3.5 8.1.1); signed values are sign-extended from them.
                data[p] = layout.IsSigned ? (raw << shift) >> shift : (int)((uint)(raw << shift) >> shift);
            }
        }
    }

    private static JpegFormatException Failure(string step, OpenJpegMessages messages, int frameIndex) =>
        new($"JPEG 2000 {step} failed: {messages.Errors}", 0, frameIndex);

    private static UnsupportedInputException EncodeFailure(string step, OpenJpegMessages messages, int frameIndex) =>
        new($"JPEG 2000 encoding of frame {frameIndex} failed while {step}: {messages.Errors}");
}
