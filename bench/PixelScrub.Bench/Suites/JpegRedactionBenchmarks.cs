using System.Buffers;
using BenchmarkDotNet.Attributes;
using PixelScrub.Bench.Generators;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Masks;

namespace PixelScrub.Bench.Suites;

/// <summary>
/// DCT-domain redaction of one 1024 x 768 JPEG Baseline 4:2:2 ultrasound frame (quality 92, optimised Huffman
/// tables; the demo's EPIQ 7G picture): a 1024 x 49 band at the top, the same band at the bottom (rows 719-767),
/// and no band (the frame is fully Huffman-decoded to validate it, then copied: the floor of any redaction).
/// One operation = one frame, so frames/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class JpegRedactionBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private byte[] _frame = [];
    private PixelMask _mask = null!;

    [Params("top", "bottom", "none")]
    public string Band { get; set; } = "top";

    [GlobalSetup]
    public void Setup()
    {
        _frame = BenchImages.UltrasoundJpeg(0);
        int w = BenchImages.UsColumns, h = BenchImages.UsRows;
        MaskOperation[] ops = Band switch
        {
            "top" => [new MaskOperation(MaskValue.Clean, new Region(0, 0, w, 49))],
            "bottom" => [new MaskOperation(MaskValue.Clean, new Region(0, h - 49, w, h))],
            _ => [],
        };
        _mask = new PixelMask(w, h, ops);
    }

    [Benchmark(Description = "JpegRedactor.Redact, fill")]
    public int Redact()
    {
        _output.ResetWrittenCount();
        return JpegRedactor.Redact(_frame, _mask, JpegRedactMode.Fill, JpegColorModel.Auto, _output).BytesWritten;
    }
}
