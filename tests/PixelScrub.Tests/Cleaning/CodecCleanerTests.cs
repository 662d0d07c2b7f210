using PixelScrub.Cleaning;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>Decode, clean, encode for every other encapsulated syntax in the corpus (issue 7, "done means" 3).</summary>
public sealed class CodecCleanerTests : IDisposable
{
    private static readonly string[] Lossless = ["1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90"];
    private static readonly string[] Lossy = ["1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pixelscrub-codec-" + Guid.NewGuid().ToString("N"));

    public CodecCleanerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static TheoryData<string> FilesIn(string[] uids) => new(CorpusFiles.Readable().Where(f =>
        uids.Contains(DicomFile.Open(CorpusFiles.PathOf(f), DicomReadOptions.Header).TransferSyntax.Uid)));

    public static TheoryData<string> LosslessFiles() => FilesIn(Lossless);

    public static TheoryData<string> LossyFiles() => FilesIn(Lossy);

    /// <summary>The lossless files DCMTK has a decoder for (it has none for JPEG 2000; OpenJPEG is ours already).</summary>
    public static TheoryData<string> DcmtkDecodableFiles() => FilesIn(Lossless.Where(u => u != "1.2.840.10008.1.2.4.90").ToArray());

    [Theory]
    [MemberData(nameof(LosslessFiles))]
    public void Lossless_syntax_is_kept_and_only_the_region_changes(string relative)
    {
        var (input, output, layout, mask, result) = CleanFile(relative);
        Assert.Equal(input.TransferSyntax, output.TransferSyntax);
        Assert.StartsWith("decode-clean-encode", result.Method);
        var before = DecodeAll(input, layout);
        var after = DecodeAll(output, layout);
        // expected: the input's own decode, cleaned natively with the same mask
        var decoded = layout with { BigEndian = false };
        for (int f = 0; f < before.Count; f++) NativeFrameCleaner.Clean(before[f], decoded, mask, FillMode.Black);
        for (int f = 0; f < before.Count; f++) Assert.True(before[f].AsSpan().SequenceEqual(after[f]), $"{relative}: frame {f} differs from a native clean of the input");
    }

    [Theory]
    [MemberData(nameof(DcmtkDecodableFiles))]
    public void Dcmtk_decodes_our_output_to_the_same_samples(string relative)
    {
        var (_, output, layout, _, _) = CleanFile(relative);
        string tool = output.TransferSyntax.Uid switch
        {
            "1.2.840.10008.1.2.5" => "dcmdrle",
            "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => "dcmdjpeg",
            "1.2.840.10008.1.2.4.80" => "dcmdjpls",
            var uid => throw new InvalidOperationException($"no DCMTK decoder listed for {uid}"),
        };
        var native = Path.Combine(_dir, "dcmtk.dcm");
        var (code, _, err) = ReferenceTool.Run(tool, [output.Path!, native]);
        Assert.True(code == 0, $"{tool}: {err}");
        var theirs = DicomFile.Open(native).Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        var ours = DecodeAll(output, layout).SelectMany(b => b).ToArray();
        Assert.True(theirs.AsSpan(0, ours.Length).SequenceEqual(ours), $"{tool} decodes our {relative} differently");
    }

    [Theory]
    [MemberData(nameof(LossyFiles))]
    public void Lossy_syntax_is_stored_as_rle_with_the_derivation_recorded(string relative)
    {
        var (input, output, layout, mask, _) = CleanFile(relative);
        Assert.Equal(TransferSyntax.RleLossless, output.TransferSyntax);
        Assert.Contains("PixelScrub", output.Dataset.GetString(CodecCleaner.DerivationDescription));
        Assert.Equal(input.Dataset.GetString(new DicomTag(0x0028, 0x2110)), output.Dataset.GetString(new DicomTag(0x0028, 0x2110)));
        var outLayout = PixelDataDescription.Read(output.Dataset, output.TransferSyntax, DicomTag.PixelData);
        var before = DecodeAll(input, layout);
        var after = DecodeAll(output, outLayout);
        var decoded = outLayout with { BigEndian = false };
        for (int f = 0; f < before.Count; f++) NativeFrameCleaner.Clean(before[f], decoded, mask, FillMode.Black);
        for (int f = 0; f < before.Count; f++) Assert.True(before[f].AsSpan().SequenceEqual(after[f]), $"{relative}: frame {f}");
        var (code, _, err) = ReferenceTool.Run("dcmdrle", [output.Path!, Path.Combine(_dir, "rle.dcm")]);
        Assert.True(code == 0, err);
    }

    private (DicomFile Input, DicomFile Output, PixelLayout Layout, PixelMask Mask, CleanResult Result) CleanFile(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var file = DicomFile.Open(path);
        var layout = PixelDataDescription.Read(file.Dataset, file.TransferSyntax, DicomTag.PixelData);
        var mask = new PixelMask(layout.Columns, layout.Rows, [new MaskOperation(MaskValue.Clean, new Region(1, 2, 1 + layout.Columns / 2, 2 + layout.Rows / 3))]);
        var result = DicomCleaner.CleanPixelData(file, mask);
        var outPath = Path.Combine(_dir, Path.GetFileName(path));
        DicomWriter.WriteFile(file, outPath);
        return (DicomFile.Open(path), DicomFile.Open(outPath), layout, mask, result);
    }

    private static List<byte[]> DecodeAll(DicomFile file, PixelLayout layout)
    {
        var registry = FrameCodecRegistry.CreateDefault(null);
        var codec = registry.Require(file.TransferSyntax.Uid);
        var fragments = (DicomFragments)file.Dataset.Get(DicomTag.PixelData)!;
        var frames = EncapsulatedFrames.Locate(file.Dataset, fragments, layout.NumberOfFrames);
        var decoded = DecodedLayout.Of(layout);
        var list = new List<byte[]>();
        for (int f = 0; f < frames.Count; f++)
        {
            var buffer = new byte[decoded.BytesPerFrame];
            codec.Decode(file.TransferSyntax.Uid, EncapsulatedFrames.ReadFrame(fragments, frames[f]), decoded, buffer, f);
            list.Add(buffer);
        }

        return list;
    }
}
