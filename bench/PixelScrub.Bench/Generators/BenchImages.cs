using PixelScrub.Codecs.Jpeg;
using PixelScrub.Samples;

namespace PixelScrub.Bench.Generators;

/// <summary>The synthetic frames every benchmark shares (deterministic: seeded).</summary>
internal static class BenchImages
{
    public const int UsRows = 768;
    public const int UsColumns = 1024;

    /// <summary>One 512 x 512, 12-of-16-bit CT-like frame (smooth anatomy plus seeded noise), little endian.</summary>
    public static byte[] CtFrame(int seed = 512)
    {
        var native = new byte[512 * 512 * 2];
        var random = new Random(seed);
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                double r = Math.Sqrt((x - 256.0) * (x - 256.0) + (y - 256.0) * (y - 256.0));
                int v = r > 230 ? 24 : (int)(1024 + 300 * Math.Sin(x / 23.0) * Math.Cos(y / 31.0) + (r < 60 ? 900 : 0)) + random.Next(-6, 7);
                v = Math.Clamp(v, 0, 4095);
                native[2 * (y * 512 + x)] = (byte)v;
                native[2 * (y * 512 + x) + 1] = (byte)(v >> 8);
            }
        }

        return native;
    }

    /// <summary>
    /// A 1024 x 768 ultrasound frame (the demo's Siemens S2000 picture, frame <paramref name="frame"/>) as JPEG
    /// Baseline 4:2:2, quality 92, optimised Huffman tables: what the demo's EPIQ 7G sample holds.
    /// </summary>
    public static byte[] UltrasoundJpeg(int frame) =>
        JpegEncoder.Encode(DemoSamples.UltrasoundFrame(UsRows, UsColumns, frame), UsColumns, UsRows, JpegEncoderInput.Rgb,
            new JpegEncoderOptions { Quality = 92, Sampling = JpegChromaSampling.Horizontal, OptimizeHuffman = true });
}
