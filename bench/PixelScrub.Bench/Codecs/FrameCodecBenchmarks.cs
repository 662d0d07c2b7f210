using System.Buffers;
using BenchmarkDotNet.Attributes;
using PixelScrub.Bench.Generators;
using PixelScrub.Codecs;
using PixelScrub.Codecs.JpegLossless;
using PixelScrub.Codecs.Native;
using PixelScrub.Codecs.Rle;
using PixelScrub.Pixels;

namespace PixelScrub.Bench.Codecs;

/// <summary>
/// Decode and encode of one 512 x 512, 12-of-16-bit CT-like frame (smooth anatomy plus seeded noise) per
/// lossless codec. MB/s = 0.524 MB (the native frame) / mean time.
/// </summary>
[MemoryDiagnoser]
public class FrameCodecBenchmarks
{
    private static readonly PixelLayout Layout = new() { Rows = 512, Columns = 512, BitsAllocated = 16, BitsStored = 12 };
    private readonly byte[] _native = new byte[Layout.BytesPerFrame];
    private readonly byte[] _destination = new byte[Layout.BytesPerFrame];
    private readonly ArrayBufferWriter<byte> _writer = new(1 << 20);
    private IFrameCodec _codec = RleCodec.Instance;
    private byte[] _compressed = [];

    [Params(RleLossless.TransferSyntaxUid, JpegLossless.SelectionValue1Uid, CharLsCodec.LosslessUid, OpenJpegCodec.LosslessUid)]
    public string TransferSyntax { get; set; } = RleLossless.TransferSyntaxUid;

    [GlobalSetup]
    public void Setup()
    {
        BenchImages.CtFrame().CopyTo(_native, 0);

        _codec = FrameCodecRegistry.CreateDefault(nativeWorker: null).Require(TransferSyntax);
        _writer.ResetWrittenCount();
        _codec.Encode(TransferSyntax, _native, Layout, _writer, 0);
        _compressed = _writer.WrittenSpan.ToArray();
    }

    [Benchmark]
    public void Decode() => _codec.Decode(TransferSyntax, _compressed, Layout, _destination, 0);

    [Benchmark]
    public int Encode()
    {
        _writer.ResetWrittenCount();
        _codec.Encode(TransferSyntax, _native, Layout, _writer, 0);
        return _writer.WrittenCount;
    }
}
