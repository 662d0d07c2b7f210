using System.Buffers;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// The worker side of the out-of-process native codecs: reads requests from <c>input</c>, runs them with the
/// in-process CharLS / OpenJPEG codecs and answers on <c>output</c>, until the input ends. The CLI's hidden
/// <c>pixelscrub __codec-worker</c> command calls <see cref="Run(Stream, Stream)"/> on stdin/stdout; a native fault
/// kills only this process, which <see cref="NativeCodecClient"/> reports for the frame at hand.
/// </summary>
internal static class NativeCodecWorker
{
    /// <summary>Serves requests until the input ends; returns the process exit code (0, or 2 for a protocol error).</summary>
    public static int Run(Stream input, Stream output) => Run(input, output, DefaultCodecs());

    /// <summary>
    /// The worker process's main: serves on stdin/stdout and sends anything written to Console.Out to stderr
    /// instead, so a stray message can never corrupt the protocol.
    /// </summary>
    public static int RunOnStandardStreams()
    {
        var output = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return Run(Console.OpenStandardInput(), output);
    }

    /// <summary>Serves requests with the given codecs (tests register what they need).</summary>
    public static int Run(Stream input, Stream output, FrameCodecRegistry codecs)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (true)
        {
            NativeCodecProtocol.Request? request;
            try
            {
                request = NativeCodecProtocol.ReadRequest(input);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                return 2;
            }

            if (request is null) return 0;
            if (request.Operation == NativeCodecProtocol.Recognise) Recognise(request, output);
            else Handle(request, output, codecs);
        }
    }

    // One Tesseract engine per worker process, created on the first OCR request.
    private static Text.Ocr.InProcessOcrReader? _ocr;

    private static void Recognise(NativeCodecProtocol.Request request, Stream output)
    {
        try
        {
            var images = Text.Ocr.OcrMessages.ReadImages(request.Payload, out bool tryInverted);
            _ocr ??= new Text.Ocr.InProcessOcrReader();
            var words = _ocr.Read(images, request.FrameIndex, tryInverted);
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusOk, 0, "", Text.Ocr.OcrMessages.WriteWords(words));
        }
        catch (UnsupportedInputException e)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusUnsupported, 0, e.Message, []);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or OutOfMemoryException)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusFailed, 0, $"{e.GetType().Name}: {e.Message}", []);
        }
    }

    /// <summary>The native codecs the pipeline isolates: JPEG-LS and JPEG 2000.</summary>
    public static FrameCodecRegistry DefaultCodecs() => new FrameCodecRegistry().Add(new CharLsCodec()).Add(new OpenJpegCodec());

    private static void Handle(NativeCodecProtocol.Request request, Stream output, FrameCodecRegistry codecs)
    {
        byte[]? rented = null;
        try
        {
            var codec = codecs.Require(request.TransferSyntax);
            if (request.Operation == NativeCodecProtocol.Decode)
            {
                long size = request.Layout.BytesPerFrame;
                if (size <= 0 || size > NativeCodecProtocol.MaxPayload)
                    throw new UnsupportedInputException($"a frame of {size} bytes cannot be decoded");
                rented = ArrayPool<byte>.Shared.Rent((int)size);
                var frame = rented.AsSpan(0, (int)size);
                codec.Decode(request.TransferSyntax, request.Payload, request.Layout, frame, request.FrameIndex);
                NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusOk, 0, "", frame);
            }
            else if (request.Operation == NativeCodecProtocol.Encode)
            {
                var writer = new ArrayBufferWriter<byte>(Math.Max(256, request.Payload.Length / 2));
                codec.Encode(request.TransferSyntax, request.Payload, request.Layout, writer, request.FrameIndex);
                NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusOk, 0, "", writer.WrittenSpan);
            }
            else
            {
                NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusFailed, 0, $"unknown operation {request.Operation}", []);
            }
        }
        catch (JpegFormatException e)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusJpegFormat, e.Offset, e.Reason, []);
        }
        catch (DicomFormatException e)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusDicomFormat, e.Offset, e.Reason, []);
        }
        catch (UnsupportedInputException e)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusUnsupported, 0, e.Message, []);
        }
        catch (Exception e) when (e is ArgumentException or OutOfMemoryException or InvalidOperationException)
        {
            NativeCodecProtocol.WriteResponse(output, NativeCodecProtocol.StatusFailed, 0, $"{e.GetType().Name}: {e.Message}", []);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
