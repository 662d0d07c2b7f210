using System.Buffers.Binary;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>
/// The JPEG test material in one place: corpus DICOM files with JPEG Baseline/Extended pixel data (their code
/// streams pulled out by a small test-only reader of encapsulated pixel data, PS3.5 A.4), and JPEG files made
/// with cjpeg from seeded synthetic images.
/// </summary>
internal static class JpegTestFiles
{
    /// <summary>Corpus files (relative to the corpus folder) whose pixel data is JPEG Baseline or Extended.</summary>
    public static readonly string[] CorpusFiles =
    [
        "pydicom/SC_rgb_jpeg_dcmtk.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cy+s4.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cr.dcm",
        "pydicom/SC_rgb_small_odd_jpeg.dcm",
        "pydicom/SC_jpeg_no_color_transform.dcm",
        "pydicom/JPEG-lossy.dcm",
        "deid-data/dicom-cookies/image1.dcm",
        "deid-data/dicom-cookies/image2.dcm",
        "deid-data/dicom-cookies/image3.dcm",
        "deid-data/dicom-cookies/image4.dcm",
        "deid-data/dicom-cookies/image5.dcm",
        "deid-data/dicom-cookies/image6.dcm",
        "deid-data/dicom-cookies/image7.dcm",
        "deid-data/humans/ctbrain1.dcm",
        "deid-data/humans/ctbrain2.dcm",
    ];

    public static IEnumerable<object[]> CorpusCases() => CorpusFiles.Select(f => new object[] { f });

    /// <summary>The JPEG code streams (one per frame) of a corpus DICOM file.</summary>
    public static List<byte[]> CorpusFrames(string relative) => ExtractFrames(File.ReadAllBytes(SharedFiles.Corpus(relative)));

    /// <summary>
    /// Finds the encapsulated Pixel Data (7FE0,0010) with undefined length and returns its frames: fragments
    /// after the Basic Offset Table item, a new frame at each fragment that starts with SOI.
    /// </summary>
    public static List<byte[]> ExtractFrames(byte[] file)
    {
        ReadOnlySpan<byte> pixelTag = [0xE0, 0x7F, 0x10, 0x00];
        int p = -1;
        for (int i = file.Length - 12; i >= 0; i--)
        {
            if (file.AsSpan(i, 4).SequenceEqual(pixelTag) && BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(i + 8)) == 0xFFFFFFFF)
            {
                p = i + 12;
                break;
            }
        }

        if (p < 0) throw new InvalidDataException("no encapsulated pixel data");
        var frames = new List<byte[]>();
        var current = new List<byte>();
        bool first = true;
        while (p + 8 <= file.Length)
        {
            uint tag = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p));
            int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p + 4));
            p += 8;
            if (tag == 0xE0DDFFFE) break; // sequence delimiter
            if (tag != 0xE000FFFE) throw new InvalidDataException("expected an item");
            var fragment = file.AsSpan(p, len);
            p += len;
            if (first) { first = false; continue; } // Basic Offset Table
            if (fragment.Length >= 2 && fragment[0] == 0xFF && fragment[1] == 0xD8 && current.Count > 0)
            {
                frames.Add(current.ToArray());
                current.Clear();
            }

            current.AddRange(fragment.ToArray());
        }

        if (current.Count > 0) frames.Add(current.ToArray());
        return frames;
    }

    /// <summary>A seeded synthetic image: gradients, noise and sharp-edged rectangles (like burned-in text).</summary>
    public static byte[] SyntheticPixels(int width, int height, int channels, int seed)
    {
        var rng = new Random(seed);
        var px = new byte[width * height * channels];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int v = (x * (c + 1) * 3 + y * (3 - c) * 2) % 256;
                    v = (v + rng.Next(-12, 13)) & 0xFF;
                    px[(y * width + x) * channels + c] = (byte)v;
                }
            }
        }

        for (int r = 0; r < 12; r++)
        {
            int x0 = rng.Next(width), y0 = rng.Next(height);
            int w = rng.Next(1, Math.Max(2, width / 4)), h = rng.Next(1, Math.Max(2, height / 6));
            var color = new byte[channels];
            rng.NextBytes(color);
            for (int y = y0; y < Math.Min(height, y0 + h); y++)
            {
                for (int x = x0; x < Math.Min(width, x0 + w); x++)
                {
                    for (int c = 0; c < channels; c++) px[(y * width + x) * channels + c] = color[c];
                }
            }
        }

        return px;
    }

    /// <summary>Writes a binary PPM (3 channels) or PGM (1 channel).</summary>
    public static void WritePnm(string path, byte[] pixels, int width, int height, int channels)
    {
        using var f = File.Create(path);
        var header = System.Text.Encoding.ASCII.GetBytes($"{(channels == 3 ? "P6" : "P5")}\n{width} {height}\n255\n");
        f.Write(header);
        f.Write(pixels);
    }

    /// <summary>Runs cjpeg on a synthetic image and returns the JPEG bytes.</summary>
    public static byte[] MakeJpeg(TempDir dir, int width, int height, bool gray, int seed, params string[] cjpegArgs)
    {
        int channels = gray ? 1 : 3;
        string input = dir.File($"in{seed}_{width}x{height}.{(gray ? "pgm" : "ppm")}");
        WritePnm(input, SyntheticPixels(width, height, channels, seed), width, height, channels);
        string output = dir.File($"out{Guid.NewGuid():N}.jpg");
        var args = new List<string>(cjpegArgs) { "-outfile", output, input };
        var (code, _, err) = ReferenceTool.Run("cjpeg", args);
        Assert.True(code == 0, $"cjpeg failed: {err}");
        return File.ReadAllBytes(output);
    }

    /// <summary>djpeg's decoding of a JPEG as PNM bytes, with its stderr (which must be empty for a clean decode).</summary>
    public static (byte[] Pixels, string StdErr) Djpeg(TempDir dir, byte[] jpeg)
    {
        string input = dir.File($"d{Guid.NewGuid():N}.jpg");
        string output = input + ".pnm";
        File.WriteAllBytes(input, jpeg);
        var (code, _, err) = ReferenceTool.Run("djpeg", ["-pnm", "-outfile", output, input]);
        Assert.True(code == 0, $"djpeg failed: {err}");
        return (File.ReadAllBytes(output), err);
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixelscrub-jpeg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
