using System.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs.Jpeg;

/// <summary>
/// Test images and the libjpeg-turbo command-line tools (cjpeg, djpeg) for the pixel encoder/decoder tests.
/// Each call works in its own temporary folder, deleted afterwards.
/// </summary>
public static class PixelCodecFixtures
{
    /// <summary>A smooth colour image (gradients, a disc, a few hard edges) with seeded mild noise.</summary>
    public static byte[] SmoothRgb(int width, int height, int seed)
    {
        var random = new Random(seed);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int i = (y * width + x) * 3;
            double dx = x - width * 0.6, dy = y - height * 0.4;
            bool disc = dx * dx + dy * dy < (width * height) / 12.0;
            int r = 40 + 170 * x / Math.Max(1, width - 1);
            int g = 30 + 180 * y / Math.Max(1, height - 1);
            int b = disc ? 210 : 60 + (x + y) % 64;
            if (x > width / 8 && x < width / 4 && y > height / 8 && y < height / 6 + 4) r = g = b = 250; // a "text" bar
            rgb[i] = Clamp(r + random.Next(-3, 4));
            rgb[i + 1] = Clamp(g + random.Next(-3, 4));
            rgb[i + 2] = Clamp(b + random.Next(-3, 4));
        }

        return rgb;
    }

    /// <summary>The luma-like grey version of <see cref="SmoothRgb"/>.</summary>
    public static byte[] SmoothGray(int width, int height, int seed)
    {
        var rgb = SmoothRgb(width, height, seed);
        var g = new byte[width * height];
        for (int i = 0; i < g.Length; i++) g[i] = (byte)((rgb[3 * i] * 3 + rgb[3 * i + 1] * 4 + rgb[3 * i + 2]) / 8);
        return g;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    public static byte[] ToPnm(byte[] samples, int width, int height, int channels)
    {
        var header = Encoding.ASCII.GetBytes($"{(channels == 1 ? "P5" : "P6")}\n{width} {height}\n255\n");
        var file = new byte[header.Length + samples.Length];
        header.CopyTo(file, 0);
        samples.CopyTo(file, header.Length);
        return file;
    }

    public static PnmImage ReadPnm(byte[] file)
    {
        int pos = 0;
        string magic = Token(file, ref pos);
        int width = int.Parse(Token(file, ref pos));
        int height = int.Parse(Token(file, ref pos));
        int max = int.Parse(Token(file, ref pos));
        pos++; // the single whitespace after maxval
        int channels = magic switch { "P5" => 1, "P6" => 3, _ => throw new InvalidDataException($"not a binary PNM: {magic}") };
        int bytesPerSample = max > 255 ? 2 : 1;
        int count = width * height * channels;
        if (file.Length - pos < count * bytesPerSample) throw new InvalidDataException("PNM data truncated");
        var samples = new int[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = bytesPerSample == 1 ? file[pos + i] : (file[pos + 2 * i] << 8) | file[pos + 2 * i + 1];
        }

        return new PnmImage(width, height, channels, max, samples);
    }

    private static string Token(byte[] file, ref int pos)
    {
        while (true)
        {
            while (pos < file.Length && char.IsWhiteSpace((char)file[pos])) pos++;
            if (pos < file.Length && file[pos] == '#')
            {
                while (pos < file.Length && file[pos] != '\n') pos++;
                continue;
            }

            break;
        }

        int start = pos;
        while (pos < file.Length && !char.IsWhiteSpace((char)file[pos])) pos++;
        return Encoding.ASCII.GetString(file, start, pos - start);
    }

    /// <summary>Runs cjpeg on the PNM made from the samples; returns the JPEG file.</summary>
    public static byte[] Cjpeg(byte[] samples, int width, int height, int channels, params string[] args)
    {
        using var dir = new TempDir();
        string input = Path.Combine(dir.Path, channels == 1 ? "in.pgm" : "in.ppm");
        string output = Path.Combine(dir.Path, "out.jpg");
        File.WriteAllBytes(input, ToPnm(samples, width, height, channels));
        var (code, _, err) = ReferenceTool.Run("cjpeg", [.. args, "-outfile", output, input]);
        if (code != 0) throw new InvalidOperationException($"cjpeg failed ({code}): {err}");
        return File.ReadAllBytes(output);
    }

    /// <summary>Decodes a JPEG with djpeg's defaults (islow IDCT, fancy upsampling) to PNM; also returns stderr.</summary>
    public static (PnmImage Image, string Warnings) Djpeg(byte[] jpeg, params string[] args)
    {
        using var dir = new TempDir();
        string input = Path.Combine(dir.Path, "in.jpg");
        string output = Path.Combine(dir.Path, "out.pnm");
        File.WriteAllBytes(input, jpeg);
        var (code, _, err) = ReferenceTool.Run("djpeg", [.. args, "-pnm", "-outfile", output, input]);
        if (code != 0) throw new InvalidOperationException($"djpeg failed ({code}): {err}");
        return (ReadPnm(File.ReadAllBytes(output)), err);
    }

    /// <summary>
    /// Decompresses a JPEG DICOM file with dcmdjpeg (IJG islow IDCT, 8/12/16-bit builds) and returns the
    /// native Pixel Data as 16-bit little-endian samples (BitsAllocated 16 assumed; test-only reader that takes
    /// the last (7FE0,0010) OW element of the explicit VR little endian output).
    /// </summary>
    public static int[] DcmdjpegSamples16(string dicomFile)
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out.dcm");
        var (code, _, err) = ReferenceTool.Run("dcmdjpeg", [dicomFile, output]);
        if (code != 0) throw new InvalidOperationException($"dcmdjpeg failed ({code}): {err}");
        byte[] file = File.ReadAllBytes(output);
        ReadOnlySpan<byte> tag = [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W', 0, 0];
        int at = file.AsSpan().LastIndexOf(tag);
        if (at < 0) throw new InvalidDataException("no OW Pixel Data in dcmdjpeg output");
        int length = BitConverter.ToInt32(file, at + 8);
        var samples = new int[length / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToUInt16(file, at + 12 + 2 * i);
        return samples;
    }

    /// <summary>
    /// Wraps one JPEG Extended code stream of a grey 12-bit image in a minimal DICOM Part 10 file (Secondary
    /// Capture, transfer syntax 1.2.840.10008.1.2.4.51, PS3.5 A.4 encapsulation with an empty offset table),
    /// so dcmtk's 12-bit decoder can serve as the reference. Test-only writer.
    /// </summary>
    public static byte[] WrapTwelveBitGreyInDicom(byte[] codestream, int width, int height)
    {
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Element(meta, 0x0002, 0x0002, "UI", Uid("1.2.840.10008.5.1.4.1.1.7"));
        Element(meta, 0x0002, 0x0003, "UI", Uid("1.2.826.0.1.3680043.2.1125.1"));
        Element(meta, 0x0002, 0x0010, "UI", Uid("1.2.840.10008.1.2.4.51"));
        Element(meta, 0x0002, 0x0012, "UI", Uid("1.2.826.0.1.3680043.2.1125.2"));

        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        Element(file, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        meta.WriteTo(file);
        Element(file, 0x0008, 0x0016, "UI", Uid("1.2.840.10008.5.1.4.1.1.7"));
        Element(file, 0x0008, 0x0018, "UI", Uid("1.2.826.0.1.3680043.2.1125.1"));
        Element(file, 0x0028, 0x0002, "US", BitConverter.GetBytes((ushort)1));
        Element(file, 0x0028, 0x0004, "CS", Encoding.ASCII.GetBytes("MONOCHROME2 "));
        Element(file, 0x0028, 0x0010, "US", BitConverter.GetBytes((ushort)height));
        Element(file, 0x0028, 0x0011, "US", BitConverter.GetBytes((ushort)width));
        Element(file, 0x0028, 0x0100, "US", BitConverter.GetBytes((ushort)16));
        Element(file, 0x0028, 0x0101, "US", BitConverter.GetBytes((ushort)12));
        Element(file, 0x0028, 0x0102, "US", BitConverter.GetBytes((ushort)11));
        Element(file, 0x0028, 0x0103, "US", BitConverter.GetBytes((ushort)0));
        // (7FE0,0010) OB, undefined length; items (FFFE,E000): empty offset table, one even-length fragment; delimiter.
        file.Write([0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        Item(file, 0xE000, []);
        Item(file, 0xE000, codestream.Length % 2 == 0 ? codestream : [.. codestream, 0]);
        Item(file, 0xE0DD, []);
        return file.ToArray();
    }

    private static byte[] Uid(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");

    private static void Element(Stream s, ushort group, ushort element, string vr, byte[] value)
    {
        s.Write(BitConverter.GetBytes(group));
        s.Write(BitConverter.GetBytes(element));
        s.Write(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "UN" or "SQ" or "UT")
        {
            s.Write([0, 0]);
            s.Write(BitConverter.GetBytes((uint)value.Length));
        }
        else
        {
            s.Write(BitConverter.GetBytes((ushort)value.Length));
        }

        s.Write(value);
    }

    private static void Item(Stream s, ushort element, byte[] value)
    {
        s.Write(BitConverter.GetBytes((ushort)0xFFFE));
        s.Write(BitConverter.GetBytes(element));
        s.Write(BitConverter.GetBytes((uint)value.Length));
        s.Write(value);
    }

    /// <summary>Writes bytes to a temporary file for a tool, runs <paramref name="use"/>, deletes the file.</summary>
    public static T WithTempFile<T>(byte[] content, string name, Func<string, T> use)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, content);
        return use(path);
    }

    /// <summary>Largest absolute difference between two sample arrays of the same length.</summary>
    public static int MaxDifference(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"lengths differ: {expected.Length} vs {actual.Length}");
        int max = 0;
        for (int i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        return max;
    }

    /// <summary>Peak signal-to-noise ratio in dB of 8-bit samples.</summary>
    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<int> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        double mse = sum / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixelscrub-jpegenc-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { }
        }
    }
}
