using PixelScrub.Cleaning;
using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pixels;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// Decode, clean, encode for every other encapsulated syntax in the corpus (issue 7, "done means" 3). The expected
/// pixels come from reference decoders (DCMTK, OpenJPEG) of the input with the region blacked out by the test itself,
/// compared with the same decoders' reading of the cleaned output (issue 10).
/// </summary>
public sealed class CodecCleanerTests : IDisposable
{
    private static readonly string[] Lossless = ["1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90"];
    private static readonly string[] Lossy = ["1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91"];
    private readonly TempFolder _dir = new("pixelscrub-codec-");

    public void Dispose() => _dir.Dispose();

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
        var (input, output, _, _, result) = CleanFile(relative);
        Assert.Equal(input.TransferSyntax, output.TransferSyntax);
        Assert.StartsWith("decode-clean-encode", result.Method);
        AssertOnlyTheRegionIsBlack(relative, input, output);
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
        var (input, output, _, _, _) = CleanFile(relative);
        Assert.Equal(TransferSyntax.RleLossless, output.TransferSyntax);
        Assert.Contains("PixelScrub", output.Dataset.GetString(CodecCleaner.DerivationDescription));
        Assert.Equal(input.Dataset.GetString(new DicomTag(0x0028, 0x2110)), output.Dataset.GetString(new DicomTag(0x0028, 0x2110)));
        AssertOnlyTheRegionIsBlack(relative, input, output);
        var (code, _, err) = ReferenceTool.Run("dcmdrle", [output.Path!, Path.Combine(_dir, "rle.dcm")]);
        Assert.True(code == 0, err);
    }

    /// <summary>The region CleanFile blanks: x 1 to 1 + columns / 2, y 2 to 2 + rows / 3 (end exclusive).</summary>
    private static bool InRegion(int x, int y, int columns, int rows) => x >= 1 && x < 1 + columns / 2 && y >= 2 && y < 2 + rows / 3;

    /// <summary>
    /// The expectation built without the cleaner's code: the input and the output are each decoded by a reference
    /// decoder (DCMTK's dcmdrle, dcmdjpeg, dcmdjpls; OpenJPEG's opj_decompress for JPEG 2000), the input's samples are
    /// blanked in the region here, with black as the DICOM photometric meaning gives it, and the two must be equal.
    /// </summary>
    private void AssertOnlyTheRegionIsBlack(string relative, DicomFile input, DicomFile output)
    {
        var expected = ReferenceDecode(input, "in");
        var actual = ReferenceDecode(output, "out");
        Assert.Equal(expected.Frames.Count, actual.Frames.Count);
        var (columns, rows, samples, bytes) = (expected.Columns, expected.Rows, expected.Samples, expected.BytesPerSample);
        Assert.Equal((columns, rows, samples, bytes), (actual.Columns, actual.Rows, actual.Samples, actual.BytesPerSample));
        Assert.Equal(expected.Planar, actual.Planar);
        int blanked = 0;
        for (int f = 0; f < expected.Frames.Count; f++)
        {
            var frame = expected.Frames[f];
            for (int y = 0; y < rows; y++)
            {
                for (int x = 0; x < columns; x++)
                {
                    if (!InRegion(x, y, columns, rows)) continue;
                    for (int s = 0; s < samples; s++)
                    {
                        int at = expected.Planar
                            ? ((s * rows + y) * columns + x) * bytes
                            : ((y * columns + x) * samples + s) * bytes;
                        for (int b = 0; b < bytes; b++) frame[at + b] = (byte)(expected.Black >> (8 * b));
                        blanked++;
                    }
                }
            }

            Assert.True(frame.AsSpan().SequenceEqual(actual.Frames[f]),
                $"{relative}: frame {f} decoded by {expected.Tool} is not the input with the region blacked out");
        }

        Assert.True(blanked > 0, "the region should cover samples");
    }

    private sealed record Decoded(string Tool, List<byte[]> Frames, int Columns, int Rows, int Samples, int BytesPerSample, bool Planar, long Black);

    private Decoded ReferenceDecode(DicomFile file, string name)
    {
        var ds = file.Dataset;
        int Int(ushort element) => (int)(ds.GetInteger(new DicomTag(0x0028, element)) ?? throw new InvalidOperationException($"(0028,{element:X4}) missing"));
        int columns = Int(0x0011), rows = Int(0x0010), samples = Int(0x0002), allocated = Int(0x0100), stored = Int(0x0101);
        int frames = (int)(ds.GetInteger(new DicomTag(0x0028, 0x0008)) ?? 1);
        bool signed = Int(0x0103) == 1;
        string photometric = ds.GetString(new DicomTag(0x0028, 0x0004))!.Trim();
        string uid = file.TransferSyntax.Uid;
        if (uid is "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91")
        {
            // OpenJPEG writes little endian samples, components interleaved, 1 byte up to 8 bits of precision, else 2.
            var fragments = (DicomFragments)ds.Get(DicomTag.PixelData)!;
            var list = EncapsulatedFrames.Locate(ds, fragments, frames)
                .Select(fr => ReferenceTool.OpjDecompress(EncapsulatedFrames.ReadFrame(fragments, fr))).ToList();
            int bytes = stored <= 8 ? 1 : 2;
            Assert.All(list, l => Assert.Equal(columns * rows * samples * bytes, l.Length));
            // OpenJPEG undoes the colour transform: YBR_RCT and YBR_ICT come out as RGB
            var black = Black(samples == 3 ? "RGB" : photometric, signed, stored, bytes);
            return new("opj_decompress", list, columns, rows, samples, bytes, false, black);
        }

        string tool = uid switch
        {
            "1.2.840.10008.1.2.5" => "dcmdrle",
            "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => "dcmdjpeg",
            "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => "dcmdjpls",
            _ => throw new InvalidOperationException($"no reference decoder listed for {uid}"),
        };
        var native = Path.Combine(_dir, name + "-" + tool + ".dcm");
        var (code, _, err) = ReferenceTool.Run(tool, [file.Path!, native]);
        Assert.True(code == 0, $"{tool}: {err}");
        var decoded = DicomFile.Open(native).Dataset;
        int planar = (int)(decoded.GetInteger(new DicomTag(0x0028, 0x0006)) ?? 0);
        string decodedPhotometric = decoded.GetString(new DicomTag(0x0028, 0x0004))!.Trim();
        Assert.Equal(stored - 1, decoded.GetInteger(new DicomTag(0x0028, 0x0102))); // high bit: the fill needs no shift
        int bytesPerSample = allocated / 8;
        int frameBytes = columns * rows * samples * bytesPerSample;
        var all = decoded.Get(DicomTag.PixelData)!.Value.GetBytes().ToArray();
        Assert.True(all.Length >= frameBytes * frames, $"{tool} gave {all.Length} bytes for {frames} frame(s)");
        var split = Enumerable.Range(0, frames).Select(f => all.AsSpan(f * frameBytes, frameBytes).ToArray()).ToList();
        var fill = Black(decodedPhotometric, signed, stored, bytesPerSample);
        return new(tool, split, columns, rows, samples, bytesPerSample, planar == 1, fill);
    }

    /// <summary>Black per DICOM's photometric meaning (MONOCHROME2's smallest value, MONOCHROME1's largest, RGB's 0),
    /// as the sample word's bits.</summary>
    private static long Black(string photometric, bool signed, int stored, int bytes)
    {
        long value = photometric switch
        {
            "MONOCHROME2" or "RGB" => signed ? -(1L << (stored - 1)) : 0,
            "MONOCHROME1" => signed ? (1L << (stored - 1)) - 1 : (1L << stored) - 1,
            _ => throw new InvalidOperationException($"no black listed for {photometric}"),
        };
        return bytes == 8 ? value : value & ((1L << (8 * bytes)) - 1);
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
