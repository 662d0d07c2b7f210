using System.Buffers;
using System.Diagnostics;
using PixelScrub.Codecs.Native;
using PixelScrub.Pixels;
using static PixelScrub.Tests.Codecs.CodecTestFile;
using static PixelScrub.Tests.Codecs.Native.CharLsCodecTests;

namespace PixelScrub.Tests.Codecs.Native;

public sealed class NativeCodecWorkerTests
{
    private static readonly PixelLayout Tiny = new() { Rows = 2, Columns = 2, BitsAllocated = 8, BitsStored = 8 };

    [Fact]
    public void In_process_worker_answers_decode_and_encode_requests()
    {
        var test = CodecTestFile.Load("pydicom/MR_small_jpeg_ls_lossless.dcm");
        byte[] expected = DecodeAll(new CharLsCodec(), test);
        using var requests = new MemoryStream();
        NativeCodecProtocol.WriteRequest(requests, NativeCodecProtocol.Decode, test.TransferSyntax, test.Layout, 0, test.Frames()[0]);
        NativeCodecProtocol.WriteRequest(requests, NativeCodecProtocol.Encode, OpenJpegCodec.LosslessUid, test.Layout, 0, expected);
        NativeCodecProtocol.WriteRequest(requests, NativeCodecProtocol.Decode, test.TransferSyntax, test.Layout, 3, test.Frames()[0].AsSpan(0, 40));
        requests.Position = 0;
        using var responses = new MemoryStream();
        Assert.Equal(0, NativeCodecWorker.Run(requests, responses));
        responses.Position = 0;

        var decoded = NativeCodecProtocol.ReadResponse(responses);
        Assert.Equal(NativeCodecProtocol.StatusOk, decoded.Status);
        Assert.Equal(expected, decoded.Payload);
        var encoded = NativeCodecProtocol.ReadResponse(responses);
        Assert.Equal(NativeCodecProtocol.StatusOk, encoded.Status);
        byte[] back = new byte[expected.Length];
        new OpenJpegCodec().Decode(OpenJpegCodec.LosslessUid, encoded.Payload, test.Layout, back, 0);
        Assert.Equal(expected, back);
        var failed = NativeCodecProtocol.ReadResponse(responses);
        Assert.Equal(NativeCodecProtocol.StatusJpegFormat, failed.Status);
        Assert.Contains("JPEG-LS", failed.Message);
    }

    [Fact]
    public void Garbage_input_ends_the_worker_with_a_protocol_error()
    {
        using var input = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(2, NativeCodecWorker.Run(input, new MemoryStream()));
    }

    [Fact]
    public void Worker_process_decodes_every_native_corpus_file_like_in_process()
    {
        using var client = WorkerHost.Client();
        var codec = new OutOfProcessCodec(client);
        foreach (var file in new[] { "pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/JPEGLSNearLossless_08.dcm", "pydicom/JPEG2000.dcm", "pydicom/MR_small_jp2klossless.dcm" })
        {
            var test = CodecTestFile.Load(file);
            PixelScrub.Codecs.IFrameCodec inProcess = test.TransferSyntax.StartsWith("1.2.840.10008.1.2.4.8", StringComparison.Ordinal)
                ? new CharLsCodec() : new OpenJpegCodec();
            Assert.Equal(DecodeAll(inProcess, test), DecodeAll(codec, test));
        }

        // Encoding goes through the worker too and decodes back.
        var mr = CodecTestFile.Load("pydicom/MR_small_jp2klossless.dcm");
        byte[] native = DecodeAll(codec, mr);
        var frames = EncodeAll(codec, CharLsCodec.LosslessUid, native, mr.Layout);
        Assert.Equal(native, DecodeFrames(new CharLsCodec(), CharLsCodec.LosslessUid, frames, mr.Layout));
    }

    [Fact]
    public void Worker_reports_corrupt_data_with_the_frame()
    {
        using var client = WorkerHost.Client();
        var test = CodecTestFile.Load("pydicom/MR_small_jp2klossless.dcm");
        var e = Assert.Throws<JpegFormatException>(() => client.Decode(test.TransferSyntax, test.Frames()[0].AsSpan(0, 30), test.Layout, 7));
        Assert.Equal(7, e.Frame);
        Assert.Contains("JPEG 2000", e.Message);
        // The worker survives a reported error and serves the next request.
        Assert.Equal(test.Layout.BytesPerFrame, client.Decode(test.TransferSyntax, test.Frames()[0], test.Layout, 0).Length);
    }

    [Fact]
    public void A_native_crash_is_reported_for_the_frame_and_the_next_request_gets_a_new_worker()
    {
        using var client = WorkerHost.Client(faulty: true);
        var e = Assert.Throws<JpegFormatException>(() => client.Decode(WorkerHost.CrashUid, [1, 2, 3, 4], Tiny, 12));
        Assert.Equal(12, e.Frame);
        Assert.Contains("signal 11", e.Message);
        Assert.Null(client.WorkerProcessId);

        var test = CodecTestFile.Load("pydicom/MR_small_jpeg_ls_lossless.dcm");
        Assert.Equal(DecodeAll(new CharLsCodec(), test), client.Decode(test.TransferSyntax, test.Frames()[0], test.Layout, 0));
    }

    [Fact]
    public async Task A_hanging_decoder_is_stopped_after_the_timeout()
    {
        using var client = WorkerHost.Client(faulty: true, timeout: TimeSpan.FromSeconds(3));
        // A hang guard, not a speed check: without the timeout the call would never return.
        var decode = Task.Run(() => client.Decode(WorkerHost.HangUid, [1, 2, 3, 4], Tiny, 1));
        Assert.True(await Task.WhenAny(decode, Task.Delay(TimeSpan.FromMinutes(5))) == decode,
            "Decode of a hanging frame had not returned after 5 minutes although the worker timeout is 3 s: the timeout is not enforced");
        var e = await Assert.ThrowsAsync<JpegFormatException>(() => decode);
        Assert.Contains("did not finish", e.Message);
        Assert.Null(client.WorkerProcessId);
    }

    /// <summary>
    /// Seeded mutation fuzz of JPEG-LS and JPEG 2000 frames through the worker process: whatever the libraries do
    /// with the data, only our exceptions reach the caller, and a frame that decodes has the full size.
    /// </summary>
    [Fact]
    public void Mutation_fuzz_through_the_worker_only_throws_our_exceptions()
    {
        using var client = WorkerHost.Client(timeout: TimeSpan.FromSeconds(20));
        var random = new Random(8090);
        foreach (var file in new[] { "pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/MR_small_jp2klossless.dcm" })
        {
            var test = CodecTestFile.Load(file);
            byte[] original = test.Frames()[0];
            int decoded = 0, refused = 0;
            for (int iteration = 0; iteration < 120; iteration++)
            {
                byte[] mutated = (byte[])original.Clone();
                int edits = random.Next(1, 4);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(mutated.Length);
                    mutated[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)(mutated[at] ^ (1 << random.Next(8)));
                }

                int length = random.Next(5) == 0 ? random.Next(mutated.Length + 1) : mutated.Length;
                try
                {
                    Assert.Equal(test.Layout.BytesPerFrame, client.Decode(test.TransferSyntax, mutated.AsSpan(0, length), test.Layout, iteration).Length);
                    decoded++;
                }
                catch (JpegFormatException e)
                {
                    Assert.Equal(iteration, e.Frame);
                    refused++;
                }
                catch (UnsupportedInputException)
                {
                    refused++;
                }
            }

            // Both outcomes are reached: a worker that fails every call would not pass.
            // (CharLS refuses nearly every changed JPEG-LS stream; OpenJPEG decodes most changed JPEG 2000 ones.)
            Assert.True(decoded >= (file.Contains("jpeg_ls", StringComparison.Ordinal) ? 1 : 50) && refused >= 10, $"{file}: {decoded} decoded, {refused} refused of 120");
        }
    }

    [Fact]
    public void A_worker_that_cannot_start_is_unsupported_input()
    {
        using var client = new NativeCodecClient("/nonexistent/pixelscrub", ["__codec-worker"]);
        Assert.Throws<UnsupportedInputException>(() => client.Decode(CharLsCodec.LosslessUid, [0xFF, 0xD8], Tiny, 0));
    }

    [Fact]
    public void Unknown_transfer_syntax_names_the_uid()
    {
        using var client = WorkerHost.Client();
        var e = Assert.Throws<UnsupportedInputException>(() => client.Decode("1.2.840.10008.1.2.4.100", [0xFF, 0xD8], Tiny, 0));
        Assert.Contains("1.2.840.10008.1.2.4.100", e.Message);
    }
}
