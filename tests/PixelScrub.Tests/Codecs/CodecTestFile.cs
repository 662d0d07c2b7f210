using System.Buffers;
using System.Buffers.Binary;
using PixelScrub.Codecs;
using System.Globalization;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Codecs;

/// <summary>
/// Test-only access to the encapsulated frames of a corpus file while the DICOM reader is not ready: the layout
/// comes from dcmdump (a tool we did not write), the fragments from the items after (7FE0,0010), and the
/// reference samples from a dcmtk decoder's native output.
/// </summary>
internal sealed class CodecTestFile
{
    private CodecTestFile(string path, byte[] bytes, PixelLayout layout, string transferSyntax, int pixelElementOffset, List<byte[]> fragments)
    {
        Path = path;
        Bytes = bytes;
        Layout = layout;
        TransferSyntax = transferSyntax;
        PixelElementOffset = pixelElementOffset;
        Fragments = fragments;
    }

    public string Path { get; }
    public byte[] Bytes { get; }
    public PixelLayout Layout { get; }
    public string TransferSyntax { get; }

    /// <summary>Offset of the (7FE0,0010) tag in the file.</summary>
    public int PixelElementOffset { get; }

    /// <summary>Fragments after the Basic Offset Table item.</summary>
    public List<byte[]> Fragments { get; }

    public static CodecTestFile Load(string corpusRelative) => LoadPath(SharedFiles.Corpus(corpusRelative));

    /// <summary>
    /// Compresses a native corpus file with a dcmtk encoder (dcmcrle, dcmcjpeg, dcmcjpls) and loads the result;
    /// the file is cached in the temp folder for the rest of the run.
    /// </summary>
    public static CodecTestFile Compress(string corpusRelative, string tool, params string[] options) =>
        CompressFile(SharedFiles.Corpus(corpusRelative), tool, options);

    /// <summary>As <see cref="Compress"/> for any DICOM file (e.g. one made by <see cref="MakeNative"/>).</summary>
    public static CodecTestFile CompressFile(string path, string tool, params string[] options)
    {
        string corpusRelative = path;
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixelscrub-codecs-cache");
        Directory.CreateDirectory(dir);
        string name = $"{System.IO.Path.GetFileNameWithoutExtension(corpusRelative)}.{tool}{string.Join('_', options)}.dcm";
        string output = System.IO.Path.Combine(dir, name.Replace('/', '_').Replace('+', 'p'));
        if (!File.Exists(output))
        {
            // Written under a unique name and moved into place, so parallel test runs never see half a file.
            string partial = $"{output}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var (code, _, err) = ReferenceTool.Run(tool, [.. options, path, partial]);
            if (code != 0) throw new InvalidOperationException($"{tool} failed on {corpusRelative}: {err}");
            File.Move(partial, output, overwrite: true);
        }

        return LoadPath(output);
    }

    /// <summary>
    /// Writes a native (Explicit VR Little Endian) secondary capture file holding <paramref name="pixels"/> with
    /// dcmtk's dump2dcm, for layouts the corpus lacks. Returns its path (in a cache folder, named by
    /// <paramref name="name"/>).
    /// </summary>
    public static string MakeNative(string name, PixelLayout layout, byte[] pixels)
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixelscrub-codecs-cache");
        Directory.CreateDirectory(dir);
        // Named by content, so the file (and what dcmtk makes of it) is reused across runs.
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData([.. pixels, .. System.Text.Encoding.UTF8.GetBytes(layout.ToString())]))[..16];
        string output = System.IO.Path.Combine(dir, $"{name}-{hash}.dcm");
        if (File.Exists(output)) return output;
        string unique = $"{name}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        string raw = System.IO.Path.Combine(dir, unique + ".raw");
        string dump = System.IO.Path.Combine(dir, unique + ".dump");
        string partial = System.IO.Path.Combine(dir, unique + ".dcm.tmp");
        File.WriteAllBytes(raw, pixels);
        File.WriteAllText(dump, string.Join('\n',
            "(0002,0010) UI =LittleEndianExplicit",
            "(0008,0016) UI =SecondaryCaptureImageStorage",
            "(0008,0018) UI [1.2.826.0.1.3680043.10.1.78.1]",
            "(0008,0060) CS [OT]",
            "(0020,000d) UI [1.2.826.0.1.3680043.10.1.78.2]",
            "(0020,000e) UI [1.2.826.0.1.3680043.10.1.78.3]",
            $"(0028,0002) US {layout.SamplesPerPixel}",
            $"(0028,0004) CS [{layout.Photometric}]",
            layout.SamplesPerPixel > 1 ? $"(0028,0006) US {layout.PlanarConfiguration}" : "",
            $"(0028,0008) IS [{layout.NumberOfFrames}]",
            $"(0028,0010) US {layout.Rows}",
            $"(0028,0011) US {layout.Columns}",
            $"(0028,0100) US {layout.BitsAllocated}",
            $"(0028,0101) US {layout.BitsStored}",
            $"(0028,0102) US {layout.BitsStored - 1}",
            $"(0028,0103) US {(layout.IsSigned ? 1 : 0)}",
            $"(7fe0,0010) {(layout.BitsAllocated > 8 ? "OW" : "OB")} ={raw}") + "\n");
        var (code, _, err) = ReferenceTool.Run("dump2dcm", ["+te", dump, partial]);
        File.Delete(raw);
        File.Delete(dump);
        if (code != 0) throw new InvalidOperationException($"dump2dcm failed: {err}");
        File.Move(partial, output, overwrite: true);
        return output;
    }

    public static CodecTestFile LoadPath(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var (layout, ts) = ReadHeader(path);
        int at = FindEncapsulatedPixelData(bytes);
        var fragments = new List<byte[]>();
        int pos = at + 12;
        bool first = true;
        while (true)
        {
            ushort group = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pos));
            ushort element = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pos + 2));
            int length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 4)));
            pos += 8;
            if (group == 0xFFFE && element == 0xE0DD) break;
            if (group != 0xFFFE || element != 0xE000) throw new InvalidDataException($"{path}: expected an item at {pos - 8}");
            if (!first) fragments.Add(bytes.AsSpan(pos, length).ToArray());
            first = false;
            pos += length;
        }

        return new CodecTestFile(path, bytes, layout, ts, at, fragments);
    }

    /// <summary>The compressed bytes of each frame: one fragment per frame, or all fragments for a single frame.</summary>
    public byte[][] Frames()
    {
        if (Fragments.Count == Layout.NumberOfFrames) return Fragments.ToArray();
        if (Layout.NumberOfFrames == 1) return [Fragments.SelectMany(f => f).ToArray()];
        throw new InvalidDataException($"{Path}: {Fragments.Count} fragments for {Layout.NumberOfFrames} frames");
    }

    /// <summary>The native pixel data a dcmtk decoder (dcmdrle, dcmdjpeg, dcmdjpls) writes for this file.</summary>
    public byte[] ReferenceNative(string tool)
    {
        string dir = Directory.CreateTempSubdirectory("pixelscrub-codecs-").FullName;
        try
        {
            string output = System.IO.Path.Combine(dir, "native.dcm");
            var (code, _, err) = ReferenceTool.Run(tool, [Path, output]);
            if (code != 0) throw new InvalidOperationException($"{tool} failed on {Path}: {err}");
            return NativePixelData(File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// Asserts that our native samples equal a reference tool's Pixel Data value, which carries one pad byte
    /// when the data has an odd length (PS3.5 7.1.1).
    /// </summary>
    public static void AssertSameSamples(byte[] expected, ReadOnlySpan<byte> actual, string what)
    {
        if (expected.Length == actual.Length + 1 && actual.Length % 2 == 1) expected = expected[..^1];
        Assert.Equal(expected.Length, actual.Length);
        int firstDifference = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(firstDifference == expected.Length, $"{what}: first difference at byte {firstDifference}");
    }

    /// <summary>A copy of this file with its fragments replaced by <paramref name="frames"/> (one fragment each).</summary>
    public byte[] WithFrames(IReadOnlyList<byte[]> frames)
    {
        using var ms = new MemoryStream();
        ms.Write(Bytes, 0, PixelElementOffset);
        // (7FE0,0010) OB, undefined length, then an empty Basic Offset Table item (PS3.5 A.4).
        ms.Write([0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        WriteItem(ms, 0xE000, []);
        foreach (var f in frames)
        {
            byte[] even = f.Length % 2 == 0 ? f : [.. f, 0];
            WriteItem(ms, 0xE000, even);
        }

        WriteItem(ms, 0xE0DD, []);
        return ms.ToArray();
    }

    /// <summary>Decodes a DICOM file (bytes) with a dcmtk tool and returns its native pixel data.</summary>
    public static byte[] DecodeWith(string tool, byte[] dicomFile)
    {
        string dir = Directory.CreateTempSubdirectory("pixelscrub-codecs-").FullName;
        try
        {
            string input = System.IO.Path.Combine(dir, "in.dcm");
            string output = System.IO.Path.Combine(dir, "out.dcm");
            File.WriteAllBytes(input, dicomFile);
            var (code, _, err) = ReferenceTool.Run(tool, [input, output]);
            if (code != 0) throw new InvalidOperationException($"{tool} failed: {err}");
            return NativePixelData(File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void WriteItem(Stream s, ushort element, byte[] value)
    {
        Span<byte> h = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(h, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)value.Length);
        s.Write(h);
        s.Write(value);
    }

    /// <summary>The value of the last (7FE0,0010) OB/OW element with a defined length in an explicit VR LE file.</summary>
    public static byte[] NativePixelData(byte[] file)
    {
        for (int i = file.Length - 12; i >= 0; i--)
        {
            if (file[i] == 0xE0 && file[i + 1] == 0x7F && file[i + 2] == 0x10 && file[i + 3] == 0x00 &&
                file[i + 4] == (byte)'O' && (file[i + 5] == (byte)'W' || file[i + 5] == (byte)'B'))
            {
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(i + 8));
                if (length != 0xFFFFFFFF && i + 12 + length <= file.Length) return file.AsSpan(i + 12, (int)length).ToArray();
            }
        }

        throw new InvalidDataException("no native Pixel Data element found");
    }

    private static int FindEncapsulatedPixelData(byte[] bytes)
    {
        // OB is what PS3.5 A.4 prescribes; some writers put OW.
        ReadOnlySpan<byte> ob = [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        ReadOnlySpan<byte> ow = [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        int at = Math.Max(bytes.AsSpan().LastIndexOf(ob), bytes.AsSpan().LastIndexOf(ow));
        if (at < 0) throw new InvalidDataException("no encapsulated Pixel Data element found");
        return at;
    }

    private static (PixelLayout Layout, string TransferSyntax) ReadHeader(string path)
    {
        var (code, stdout, err) = ReferenceTool.Run("dcmdump", ["-q", "-Un", path]);
        if (code != 0) throw new InvalidOperationException($"dcmdump failed on {path}: {err}");
        var values = new Dictionary<string, string>();
        foreach (var line in stdout.Split('\n'))
        {
            if (!line.StartsWith('(')) continue; // top level only
            string tag = line[1..10];
            if (!tag.StartsWith("0028,", StringComparison.Ordinal) && tag != "0002,0010") continue;
            string rest = line[11..];
            string value = rest[3..].Split('#')[0].Trim();
            if (value.StartsWith('[') && value.IndexOf(']') > 0) value = value[1..value.IndexOf(']')];
            if (value.StartsWith('=')) value = value[1..];
            values.TryAdd(tag, value);
        }

        int Int(string tag, int fallback) => values.TryGetValue(tag, out var v) ? int.Parse(v.Split('\\')[0], CultureInfo.InvariantCulture) : fallback;
        var layout = new PixelLayout
        {
            Rows = Int("0028,0010", 0),
            Columns = Int("0028,0011", 0),
            SamplesPerPixel = Int("0028,0002", 1),
            BitsAllocated = Int("0028,0100", 0),
            BitsStored = Int("0028,0101", 0),
            HighBit = Int("0028,0102", -1),
            IsSigned = Int("0028,0103", 0) == 1,
            Photometric = values.GetValueOrDefault("0028,0004", "MONOCHROME2"),
            PlanarConfiguration = Int("0028,0006", 0),
            NumberOfFrames = Int("0028,0008", 1),
        };
        return (layout, values["0002,0010"]);
    }

    /// <summary>Decodes frames one by one into one native buffer (frames back to back).</summary>
    internal static byte[] DecodeFrames(IFrameCodec codec, string uid, IReadOnlyList<byte[]> frames, PixelLayout layout)
    {
        int frameBytes = (int)layout.BytesPerFrame;
        byte[] native = new byte[frameBytes * frames.Count];
        for (int f = 0; f < frames.Count; f++) codec.Decode(uid, frames[f], layout, native.AsSpan(f * frameBytes, frameBytes), f);
        return native;
    }

    /// <summary>Encodes every frame of a native buffer, checking each fragment has even length.</summary>
    internal static List<byte[]> EncodeAll(IFrameCodec codec, string uid, byte[] native, PixelLayout layout)
    {
        int frameBytes = (int)layout.BytesPerFrame;
        var frames = new List<byte[]>();
        for (int f = 0; f * frameBytes < native.Length; f++)
        {
            var writer = new ArrayBufferWriter<byte>();
            codec.Encode(uid, native.AsSpan(f * frameBytes, frameBytes), layout, writer, f);
            Assert.True(writer.WrittenCount % 2 == 0, "fragments are even length");
            frames.Add(writer.WrittenSpan.ToArray());
        }

        return frames;
    }
}
