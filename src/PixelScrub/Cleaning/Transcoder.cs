using System.Buffers;
using System.Collections.Concurrent;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Rewrites a fully read <see cref="DicomFile"/> in another transfer syntax, in place (CTP's DicomDecompressor and
/// DicomTranscoder stages). Native targets: frames are decoded (JPEG Baseline/Extended by our DCT decoder, every other
/// syntax by its registered frame codec) and stored little endian; JPEG YBR data comes out as RGB, colour by pixel, as
/// dcmdjpeg writes it. Encapsulated targets: native frames are encoded one at a time by the target's codec (RLE, JPEG
/// Lossless, JPEG-LS lossless, JPEG 2000 lossless) or by our Baseline encoder (8-bit data only, marked lossy). Big endian
/// input is byte-swapped by VR first; implicit VR input gets the VRs its ambiguous elements need in explicit VR.
/// Lives in Cleaning beside <see cref="CodecCleaner"/> and <see cref="EncapsulatedRewrite"/>: like the cleaners it works
/// on one file's pixel data and header, below the batch pipeline that decides when to call it.
/// </summary>
internal sealed partial class Transcoder(Func<FrameCodecRegistry> rentRegistry, Action<FrameCodecRegistry> returnRegistry)
{
    public static readonly DicomTag LossyImageCompression = new(0x0028, 0x2110);
    public static readonly DicomTag LossyImageCompressionRatio = new(0x0028, 0x2112);
    public static readonly DicomTag LossyImageCompressionMethod = new(0x0028, 0x2114);

    /// <summary>With codecs in this process (library callers and tests); each concurrent call gets its own registry.</summary>
    public static Transcoder InProcess { get; } = CreateInProcess();

    private static Transcoder CreateInProcess()
    {
        var idle = new ConcurrentBag<FrameCodecRegistry>();
        return new Transcoder(() => idle.TryTake(out var registry) ? registry : FrameCodecRegistry.CreateDefault(null), idle.Add);
    }

    /// <summary>
    /// Rewrites <paramref name="file"/> (read completely) as <paramref name="options"/> asks. Returns whether anything
    /// changed; the caller writes the file. Throws our exception types when the file cannot be written in the target
    /// syntax (no codec, an image the target cannot hold, corrupt frames); the file must then not be written.
    /// </summary>
    public TranscodeResult Transcode(DicomFile file, TranscodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (file.PixelDataInfo is not null) throw new InvalidOperationException("the file was read header-only: call ReadRemainder first");
        var source = file.TransferSyntax;
        var target = options.Target;
        if (!options.Applies(source))
        {
            string why = options.SkipJpegBaseline && source == TransferSyntax.JpegBaseline ? "JPEG Baseline left as it is (skip JPEG Baseline)"
                : source == target ? $"already {target.Name}" : $"{source.Name} is native: left as it is";
            return new TranscodeResult(false, source, source, 0, [why]);
        }

        if (!source.IsKnown) throw new UnsupportedInputException($"cannot transcode from an unknown transfer syntax ({source.Uid})");
        var ds = file.Dataset;
        var pixel = PixelDataDescription.FindPixelElement(ds);
        if (pixel is null)
        {
            if (target.IsEncapsulated) return new TranscodeResult(false, source, source, 0, [$"no pixel data: kept as {source.Name}"]);
            ConvertEncoding(file, source, target, 0, false);
            file.SetTransferSyntax(target);
            return new TranscodeResult(true, source, target, 0, [$"no pixel data: dataset re-encoded as {target.Name}"]);
        }

        var layout = PixelDataDescription.Read(ds, source, pixel.Tag);
        ConvertEncoding(file, source, target, layout.BitsAllocated, layout.IsSigned);
        layout = layout with { BigEndian = false };
        pixel = PixelDataDescription.FindPixelElement(ds)!;
        var notes = new List<string>();
        if (source.IsBigEndian) notes.Add("big endian values byte-swapped by VR to little endian");

        if (!source.IsEncapsulated && !target.IsEncapsulated)
        {
            if (pixel is DicomFragments)
            {
                throw new DicomFormatException($"encapsulated pixel data in a native transfer syntax ({source.Uid})", pixel.SourceOffset, pixel.Tag.Value);
            }

            file.SetTransferSyntax(target);
            notes.Insert(0, $"rewritten from {source.Name} to {target.Name}");
            return new TranscodeResult(true, source, target, layout.NumberOfFrames, notes);
        }

        if (source.IsEncapsulated && pixel is not DicomFragments)
        {
            throw new DicomFormatException($"pixel data of defined length in an encapsulated transfer syntax ({source.Uid})", pixel.SourceOffset, pixel.Tag.Value);
        }

        var decoded = DecodedLayout(source, layout);
        // Frame boundaries are found now, from the header as read (the offset tables change below).
        var frames = pixel is DicomFragments encapsulated ? EncapsulatedFrames.Locate(ds, encapsulated, layout.NumberOfFrames) : null;
        if (target.IsEncapsulated)
        {
            var registry = rentRegistry();
            try
            {
                Encapsulate(registry, file, pixel, frames, layout, decoded, target, notes);
            }
            finally
            {
                returnRegistry(registry);
            }
        }
        else
        {
            Decompress(file, (DicomFragments)pixel, frames!, layout, decoded, notes);
        }

        file.SetTransferSyntax(target);
        notes.Insert(0, $"rewritten from {source.Name} to {target.Name}");
        return new TranscodeResult(true, source, target, layout.NumberOfFrames, notes);
    }

    /// <summary>Big endian to little endian, and the VRs implicit VR input needs when written explicit.</summary>
    private static void ConvertEncoding(DicomFile file, TransferSyntax source, TransferSyntax target, int bitsAllocated, bool signed)
    {
        if (source.IsBigEndian) ByteOrderConversion.ToLittleEndian(file.Dataset, bitsAllocated);
        if (!source.IsExplicitVR && target.IsExplicitVR) ImplicitVRResolution.Resolve(file.Dataset, signed);
    }

    /// <summary>
    /// What decoding hands back: little endian; JPEG YBR_FULL(_422) converted to RGB, colour by pixel (dcmdjpeg's
    /// default "convert if YCbCr photometric interpretation"); other codecs as <see cref="Codecs.DecodedLayout"/> says.
    /// </summary>
    private static PixelLayout DecodedLayout(TransferSyntax source, PixelLayout layout)
    {
        if (!source.IsEncapsulated) return layout;
        if (source == TransferSyntax.JpegBaseline || source == TransferSyntax.JpegExtended)
        {
            if (layout.SamplesPerPixel == 3 && layout.Photometric is not ("RGB" or "YBR_FULL" or "YBR_FULL_422"))
            {
                throw new UnsupportedInputException($"JPEG with Photometric Interpretation {layout.Photometric} is not decoded (YBR_FULL, YBR_FULL_422 and RGB are)");
            }

            return layout with { Photometric = layout.SamplesPerPixel == 3 ? "RGB" : layout.Photometric, PlanarConfiguration = 0 };
        }

        return Codecs.DecodedLayout.Of(layout);
    }

    /// <summary>
    /// Encapsulated to native: one Pixel Data value (OB for 8 bits or fewer, else OW) whose frames are decoded one at a
    /// time while the file is written, so memory stays one frame whatever the file size. The first frame is decoded now,
    /// so a file whose frames do not decode at all fails here; a later corrupt frame makes the write throw (the writer
    /// then leaves no file).
    /// </summary>
    private void Decompress(DicomFile file, DicomFragments fragments, IReadOnlyList<FrameFragments> frames, PixelLayout layout, PixelLayout decoded,
        List<string> notes)
    {
        var source = file.TransferSyntax;
        var dataset = file.Dataset;
        // 1-bit frames are packed back to back, so a frame need not start on a byte boundary (PS3.5 8.1.1).
        long total = decoded.TotalBytes;
        bool pad = (total & 1) == 1; // PS3.5 7.1.1: values have even length
        var first = rentRegistry();
        try
        {
            ForEachFrame(first, source, fragments, frames, layout, decoded, (_, _) => { }, frameLimit: 1);
        }
        finally
        {
            returnRegistry(first);
        }

        var value = new StreamedValue(total + (pad ? 1 : 0), destination =>
        {
            var registry = rentRegistry();
            try
            {
                if (decoded.BitsAllocated == 1)
                {
                    var packer = new BitPacker(destination, decoded.BitsPerFrame);
                    ForEachFrame(registry, source, fragments, frames, layout, decoded, (_, frame) => packer.Add(frame));
                    packer.Flush();
                }
                else
                {
                    ForEachFrame(registry, source, fragments, frames, layout, decoded, (_, frame) => destination.Write(frame));
                }

                if (pad) destination.WriteByte(0);
            }
            finally
            {
                returnRegistry(registry);
            }
        });
        var vr = decoded.BitsAllocated <= 8 ? DicomVR.OB : DicomVR.OW;
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        dataset.Set(new DicomElement(fragments.Tag, vr, value));
        if (source.IsLossy) KeepLossyMark(dataset, source, notes);
        SetDecodedAttributes(dataset, layout, decoded, notes);
    }

    /// <summary>Native or encapsulated to an encapsulated target, one frame at a time.</summary>
    private static void Encapsulate(FrameCodecRegistry registry, DicomFile file, DicomElement pixel, IReadOnlyList<FrameFragments>? frames,
        PixelLayout layout, PixelLayout decoded, TransferSyntax target, List<string> notes)
    {
        var source = file.TransferSyntax;
        if (layout.Format != SampleFormat.Integer) throw new UnsupportedInputException($"float pixel data cannot be written as {target.Name}");
        if (layout.BitsAllocated == 1 && target != TransferSyntax.RleLossless && target != TransferSyntax.Jpeg2000Lossless)
        {
            throw new UnsupportedInputException(
                $"1-bit pixel data cannot be written as {target.Name} (RLE Lossless and JPEG 2000 Lossless carry it)");
        }
        if (decoded.Photometric == "YBR_FULL_422")
        {
            // PS3.5 8.2: native YBR_FULL_422 holds two luma samples per chroma pair; the encoders take full planes.
            throw new UnsupportedInputException($"native YBR_FULL_422 pixel data cannot be written as {target.Name}");
        }

        bool baseline = target == TransferSyntax.JpegBaseline;
        if (baseline) CheckBaselineInput(decoded);
        IFrameCodec? codec = null;
        if (!baseline)
        {
            codec = registry.Require(target.Uid);
            if (!codec.CanEncode(target.Uid)) throw new UnsupportedInputException($"no encoder is registered for transfer syntax {target}");
        }

        // PS3.5 8.2: JPEG-family code streams interleave the components, so the header says colour by pixel; RLE keeps
        // the source's Planar Configuration (its segments are per sample either way, PS3.5 G.2).
        bool interleave = target != TransferSyntax.RleLossless && decoded.SamplesPerPixel > 1 && decoded.PlanarConfiguration == 1;
        var encodeLayout = interleave ? decoded with { PlanarConfiguration = 0 } : decoded;
        long frameBytes = decoded.BytesPerFrame;
        var interleaved = interleave ? ArrayPool<byte>.Shared.Rent((int)frameBytes) : null;
        var spool = new FrameSpool();
        file.Attach(spool);
        var encoded = new ElementValue[decoded.NumberOfFrames];
        long compressedBytes = 0;
        try
        {
            ForEachFrame(registry, source, pixel, frames, layout, decoded, (f, frame) =>
            {
                ReadOnlySpan<byte> input = frame;
                if (interleaved is not null)
                {
                    PlanarToInterleaved(frame, interleaved.AsSpan(0, (int)frameBytes), decoded);
                    input = interleaved.AsSpan(0, (int)frameBytes);
                }

                var writer = new ArrayBufferWriter<byte>((int)Math.Min(frameBytes / 2 + 1024, Array.MaxLength));
                if (baseline) EncodeBaseline(input, encodeLayout, writer);
                else codec!.Encode(target.Uid, input, encodeLayout, writer, f);
                encoded[f] = spool.Add(writer.WrittenSpan);
                compressedBytes += writer.WrittenCount;
            });
        }
        finally
        {
            if (interleaved is not null) ArrayPool<byte>.Shared.Return(interleaved);
        }

        var ds = file.Dataset;
        EncapsulatedRewrite.Create(ds, pixel.Tag, encoded);
        var written = baseline ? BaselineLayout(encodeLayout) : encodeLayout;
        if (baseline)
        {
            double ratio = (double)frameBytes * decoded.NumberOfFrames / Math.Max(1, compressedBytes);
            MarkLossy(ds, ratio, notes);
        }
        else if (source.IsLossy)
        {
            KeepLossyMark(ds, source, notes);
        }

        SetDecodedAttributes(ds, layout, written, notes);
    }

    /// <summary>
    /// Calls <paramref name="consume"/> with each frame (up to <paramref name="frameLimit"/>) as native little endian
    /// samples in <paramref name="decoded"/>'s layout. <paramref name="frames"/> locates the frames of encapsulated data.
    /// </summary>
    private static void ForEachFrame(FrameCodecRegistry registry, TransferSyntax source, DicomElement pixel, IReadOnlyList<FrameFragments>? frames,
        PixelLayout layout, PixelLayout decoded, FrameConsumer consume, int frameLimit = int.MaxValue)
    {
        long frameBytes = decoded.BytesPerFrame;
        if (frameBytes > Array.MaxLength) throw new UnsupportedInputException($"a frame of {frameBytes} bytes is too large");
        var buffer = ArrayPool<byte>.Shared.Rent((int)frameBytes);
        try
        {
            var frame = buffer.AsSpan(0, (int)frameBytes);
            if (pixel is not DicomFragments fragments)
            {
                ReadNativeFrames(pixel, layout, frame, consume);
                return;
            }

            bool jpeg = source == TransferSyntax.JpegBaseline || source == TransferSyntax.JpegExtended;
            var codec = jpeg ? null : registry.Require(source.Uid);
            int count = Math.Min(frames!.Count, frameLimit);
            for (int f = 0; f < count; f++)
            {
                var compressed = EncapsulatedFrames.ReadFrame(fragments, frames[f]);
                if (jpeg) DecodeJpeg(compressed, layout, decoded, frame, f);
                else codec!.Decode(source.Uid, compressed, decoded, frame, f);
                consume(f, frame);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private delegate void FrameConsumer(int frameIndex, Span<byte> frame);

    private static void ReadNativeFrames(DicomElement pixel, PixelLayout layout, Span<byte> frame, FrameConsumer consume)
    {
        var value = pixel.Value;
        if (value.Length < layout.TotalBytes)
        {
            throw new DicomFormatException(
                $"pixel data holds {value.Length} bytes but {layout.NumberOfFrames} frame(s) of {layout.BytesPerFrame} bytes need {layout.TotalBytes}",
                pixel.SourceOffset, pixel.Tag.Value);
        }

        if (layout.BitsAllocated == 1)
        {
            // Frame f starts at bit f x BitsPerFrame (PS3.5 8.1.1); 1-bit data is small, so it is read whole.
            var bits = value.GetBytes().Span;
            long frameBits = layout.BitsPerFrame;
            for (int f = 0; f < layout.NumberOfFrames; f++)
            {
                PackedBits.Extract(bits, f * frameBits, frameBits, frame);
                consume(f, frame);
            }

            return;
        }

        using var stream = value is FileRangeValue range ? range.OpenRange() : new MemoryStream(value.GetBytes().ToArray(), writable: false);
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            stream.ReadExactly(frame);
            consume(f, frame);
        }
    }

    /// <summary>
    /// Writes 1-bit frames (each packed from its own bit 0) back to back as one bit stream, the native layout of 1-bit
    /// Pixel Data (PS3.5 8.1.1): a frame whose bit count is not a multiple of 8 leaves the next frame mid-byte.
    /// </summary>
    private sealed class BitPacker(Stream destination, long frameBits)
    {
        private byte _partial;
        private int _partialBits;

        public void Add(ReadOnlySpan<byte> frame)
        {
            if (_partialBits == 0)
            {
                int whole = (int)(frameBits >> 3);
                destination.Write(frame[..whole]);
                _partialBits = (int)(frameBits & 7);
                _partial = _partialBits == 0 ? (byte)0 : (byte)(frame[whole] & ((1 << _partialBits) - 1));
                return;
            }

            for (long i = 0; i < frameBits; i++)
            {
                _partial |= (byte)(PackedBits.Get(frame, i) << _partialBits);
                if (++_partialBits == 8)
                {
                    destination.WriteByte(_partial);
                    _partial = 0;
                    _partialBits = 0;
                }
            }
        }

        public void Flush()
        {
            if (_partialBits > 0) destination.WriteByte(_partial);
            _partial = 0;
            _partialBits = 0;
        }
    }

    /// <summary>Colour-by-plane samples (R plane, G plane, B plane) to colour-by-pixel (PS3.3 C.7.6.3.1.3).</summary>
    private static void PlanarToInterleaved(ReadOnlySpan<byte> planar, Span<byte> interleaved, PixelLayout layout)
    {
        int bytes = layout.BitsAllocated / 8;
        int samples = layout.SamplesPerPixel;
        int pixels = (int)layout.PixelsPerFrame;
        int plane = pixels * bytes;
        for (int s = 0; s < samples; s++)
        {
            var src = planar.Slice(s * plane, plane);
            for (int p = 0; p < pixels; p++)
            {
                src.Slice(p * bytes, bytes).CopyTo(interleaved.Slice((p * samples + s) * bytes, bytes));
            }
        }
    }
}
