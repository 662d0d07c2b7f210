using System.Buffers;
using System.Numerics;

namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// The encoder's sample planes: input pixels split into components (converted to YCbCr for RGB input),
/// padded to whole MCUs by repeating the last column and row (T.81 A.2.4 leaves padding to the encoder;
/// repetition keeps edge blocks smooth), and chroma downsampled. Samples are bytes (8-bit) or ushorts (12-bit;
/// RGB input is 8-bit only). Owns pooled buffers; dispose to return them.
/// </summary>
internal sealed class JpegEncoderPlanes<T> : IDisposable where T : unmanaged, IBinaryInteger<T>
{
    private readonly T[][] _planes;

    /// <summary>Plane width and height of component c in samples (whole blocks of the MCU grid).</summary>
    public int[] Widths { get; }
    public int[] Heights { get; }

    public int Count => _planes.Length;

    public ReadOnlySpan<T> Plane(int component) =>
        _planes[component].AsSpan(0, Widths[component] * Heights[component]);

    /// <summary>
    /// Builds the planes for an image of <paramref name="width"/> x <paramref name="height"/> pixels coded with
    /// MCUs of <paramref name="mcuWidth"/> x <paramref name="mcuHeight"/> pixels and the given per-component
    /// downsampling ratios (Hmax/H, Vmax/V).
    /// </summary>
    public JpegEncoderPlanes(ReadOnlySpan<T> pixels, int width, int height, JpegEncoderInput input,
        int mcuWidth, int mcuHeight, ReadOnlySpan<int> hRatios, ReadOnlySpan<int> vRatios)
    {
        int components = input == JpegEncoderInput.Gray ? 1 : 3;
        if (input == JpegEncoderInput.Rgb && typeof(T) != typeof(byte))
            throw new ArgumentException("RGB input is converted to YCbCr for 8-bit samples only");
        long needed = (long)width * height * components;
        if (width < 1 || height < 1 || pixels.Length < needed)
            throw new ArgumentException($"{width}x{height} pixels with {components} samples need {needed} bytes, got {pixels.Length}");

        int paddedWidth = (width + mcuWidth - 1) / mcuWidth * mcuWidth;
        int paddedHeight = (height + mcuHeight - 1) / mcuHeight * mcuHeight;
        if ((long)paddedWidth * paddedHeight > Array.MaxLength)
            throw new ArgumentException($"{width}x{height} is too large for one sample plane");
        _planes = new T[components][];
        Widths = new int[components];
        Heights = new int[components];
        T[][] full = new T[components][];
        try
        {
            for (int c = 0; c < components; c++)
                full[c] = ArrayPool<T>.Shared.Rent(paddedWidth * paddedHeight);

            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<T> row = pixels.Slice(y * width * components, width * components);
                int start = y * paddedWidth;
                if (input == JpegEncoderInput.Gray)
                {
                    row.CopyTo(full[0].AsSpan(start, width));
                }
                else if (input == JpegEncoderInput.Rgb)
                {
                    ColorConversion.RgbToYCbCr(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(row), width,
                        ((byte[])(object)full[0]).AsSpan(start, width), ((byte[])(object)full[1]).AsSpan(start, width),
                        ((byte[])(object)full[2]).AsSpan(start, width));
                }
                else
                {
                    Span<T> p0 = full[0].AsSpan(start, width), p1 = full[1].AsSpan(start, width), p2 = full[2].AsSpan(start, width);
                    for (int x = 0; x < width; x++)
                    {
                        p0[x] = row[3 * x];
                        p1[x] = row[3 * x + 1];
                        p2[x] = row[3 * x + 2];
                    }
                }

                for (int c = 0; c < components; c++)
                    full[c].AsSpan(start + width, paddedWidth - width).Fill(full[c][start + width - 1]);
            }

            for (int c = 0; c < components; c++)
            {
                ReadOnlySpan<T> last = full[c].AsSpan((height - 1) * paddedWidth, paddedWidth);
                for (int y = height; y < paddedHeight; y++) last.CopyTo(full[c].AsSpan(y * paddedWidth, paddedWidth));
            }

            for (int c = 0; c < components; c++)
            {
                int h = hRatios[c], v = vRatios[c];
                Widths[c] = paddedWidth / h;
                Heights[c] = paddedHeight / v;
                if (h == 1 && v == 1)
                {
                    _planes[c] = full[c];
                    full[c] = [];
                    continue;
                }

                _planes[c] = ArrayPool<T>.Shared.Rent(Widths[c] * Heights[c]);
                Downsampling.Box<T>(full[c].AsSpan(0, paddedWidth * paddedHeight), paddedWidth, paddedHeight, h, v, _planes[c]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            foreach (var f in full)
            {
                if (f is { Length: > 0 }) ArrayPool<T>.Shared.Return(f);
            }
        }
    }

    public void Dispose()
    {
        for (int c = 0; c < _planes.Length; c++)
        {
            if (_planes[c] is { Length: > 0 } p) ArrayPool<T>.Shared.Return(p);
            _planes[c] = [];
        }
    }
}
