using System.Buffers.Binary;
using System.IO.Compression;

namespace PixelScrub.Imaging;

/// <summary>
/// Writes an animated PNG (APNG 1.0: acTL, then fcTL + IDAT for the first frame and fcTL + fdAT for the others,
/// all sharing one sequence number count). Frames are added one at a time; only the current frame is held.
/// A viewer without APNG support shows the first frame.
/// </summary>
internal sealed class ApngWriter
{
    private readonly Stream _output;
    private readonly int _width;
    private readonly int _height;
    private readonly int _channels;
    private readonly int _frameCount;
    private readonly ushort _delayNumerator;
    private readonly ushort _delayDenominator;
    private readonly CompressionLevel _level;
    private uint _sequence;
    private int _framesWritten;
    private bool _finished;

    /// <param name="frameCount">the number of frames that will be added (acTL comes before the frames)</param>
    /// <param name="delayNumerator">frame delay in seconds = numerator / denominator</param>
    /// <param name="loops">times to play the animation, 0 for forever</param>
    public ApngWriter(Stream output, int width, int height, int channels, int frameCount,
        ushort delayNumerator = 1, ushort delayDenominator = 10, int loops = 0, CompressionLevel level = CompressionLevel.Fastest)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width));
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels));
        if (frameCount < 1) throw new ArgumentOutOfRangeException(nameof(frameCount), "an animation has at least one frame");
        if (loops < 0) throw new ArgumentOutOfRangeException(nameof(loops));
        _output = output;
        _width = width;
        _height = height;
        _channels = channels;
        _frameCount = frameCount;
        _delayNumerator = delayNumerator;
        _delayDenominator = delayDenominator;
        _level = level;

        PngEncoder.WriteHeader(output, width, height, channels);
        Span<byte> actl = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(actl, (uint)frameCount);
        BinaryPrimitives.WriteUInt32BigEndian(actl.Slice(4), (uint)loops);
        PngChunkWriter.Write(output, "acTL"u8, actl);
    }

    public int FramesWritten => _framesWritten;

    /// <summary>Adds the next frame; it must have the animation's size and channel count.</summary>
    public void AddFrame(RenderedImage frame)
    {
        if (_finished) throw new InvalidOperationException("the animation is finished");
        if (_framesWritten == _frameCount) throw new InvalidOperationException($"the animation was declared with {_frameCount} frames");
        if (frame.Width != _width || frame.Height != _height || frame.Channels != _channels)
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}x{frame.Channels}, the animation {_width}x{_height}x{_channels}", nameof(frame));

        Span<byte> fctl = stackalloc byte[26];
        BinaryPrimitives.WriteUInt32BigEndian(fctl, _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(fctl.Slice(4), (uint)_width);
        BinaryPrimitives.WriteUInt32BigEndian(fctl.Slice(8), (uint)_height);
        BinaryPrimitives.WriteUInt32BigEndian(fctl.Slice(12), 0); // x offset
        BinaryPrimitives.WriteUInt32BigEndian(fctl.Slice(16), 0); // y offset
        BinaryPrimitives.WriteUInt16BigEndian(fctl.Slice(20), _delayNumerator);
        BinaryPrimitives.WriteUInt16BigEndian(fctl.Slice(22), _delayDenominator);
        fctl[24] = 0; // dispose op: none
        fctl[25] = 0; // blend op: source (every frame covers the whole canvas)
        PngChunkWriter.Write(_output, "fcTL"u8, fctl);

        // The first frame is the default image (IDAT); the others go in fdAT chunks.
        PngEncoder.WriteImageData(_output, frame, _level, _framesWritten == 0 ? null : () => _sequence++);
        _framesWritten++;
    }

    /// <summary>Writes IEND; every declared frame must have been added.</summary>
    public void Finish()
    {
        if (_finished) return;
        if (_framesWritten != _frameCount)
            throw new InvalidOperationException($"{_framesWritten} of the {_frameCount} declared frames were added");
        PngEncoder.WriteEnd(_output);
        _finished = true;
    }
}
