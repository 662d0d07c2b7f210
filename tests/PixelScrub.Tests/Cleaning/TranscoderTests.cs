using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pixels;
using PixelScrub.Tests.Codecs;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Cleaning;

/// <summary>
/// The transcoder (CTP's DicomDecompressor/DicomTranscoder stages) against tools we did not write: dcmtk's decoders
/// for every encapsulated corpus file, opj_decompress for JPEG 2000, dcmconv for byte order and VR, dciodvfy for the
/// header, and round trips through our RLE and JPEG Lossless encoders that dcmtk must decode to the same samples.
/// </summary>
public sealed class TranscoderTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-transcode-");

    public void Dispose() => _dir.Dispose();

    private static string SyntaxOf(string relative) => DicomFile.Open(CorpusFiles.PathOf(relative), DicomReadOptions.Header).TransferSyntax.Uid;

    /// <summary>Every readable corpus file in an encapsulated syntax.</summary>
    public static TheoryData<string> EncapsulatedFiles() => new(CorpusFiles.Readable().Where(f => TransferSyntax.FromUid(SyntaxOf(f)).IsEncapsulated));

    private static string? DcmtkDecoder(string uid) => uid switch
    {
        "1.2.840.10008.1.2.5" => "dcmdrle",
        "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => "dcmdjpls",
        "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" => null, // dcmtk has no JPEG 2000 decoder: opj_decompress
        _ when uid.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal) => "dcmdjpeg",
        _ => "dcmconv",
    };

    private string Transcode(string path, TranscodeOptions options, out TranscodeResult result)
    {
        var file = DicomFile.Open(path);
        result = Transcoder.InProcess.Transcode(file, options);
        var output = Path.Combine(_dir, $"{Path.GetFileNameWithoutExtension(path)}.{options.Target.Uid}.{Guid.NewGuid():N}.dcm");
        DicomWriter.WriteFile(file, output);
        return output;
    }

    private string RunTool(string tool, string input, params string[] options)
    {
        var output = Path.Combine(_dir, $"{tool}.{Guid.NewGuid():N}.dcm");
        var (code, _, err) = ReferenceTool.Run(tool, [.. options, input, output]);
        Assert.True(code == 0, $"{tool} failed on {input}: {err}");
        return output;
    }

    private static (byte[] Pixels, PixelLayout Layout) NativeOf(string path)
    {
        var file = DicomFile.Open(path);
        Assert.False(file.TransferSyntax.IsEncapsulated, $"{path} is still {file.TransferSyntax}");
        var pixel = PixelDataDescription.FindPixelElement(file.Dataset)!;
        return (pixel.Value.GetBytes().ToArray(), PixelDataDescription.Read(file.Dataset, file.TransferSyntax, pixel.Tag));
    }

    [Theory]
    [MemberData(nameof(EncapsulatedFiles))]
    public void Decompressed_file_has_the_samples_and_image_attributes_dcmtk_writes(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var ours = Transcode(path, TranscodeOptions.Decompress(), out var result);
        Assert.True(result.Changed);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, DicomFile.Open(ours, DicomReadOptions.Header).TransferSyntax);
        var (samples, layout) = NativeOf(ours);
        Assert.Equal(layout.TotalBytes + (layout.TotalBytes & 1), samples.Length);

        string uid = SyntaxOf(relative);
        var tool = DcmtkDecoder(uid);
        if (tool is null)
        {
            // JPEG 2000: OpenJPEG's own command line tool, frame by frame.
            var original = DicomFile.Open(path);
            var fragments = (DicomFragments)original.Dataset.Get(DicomTag.PixelData)!;
            var frames = EncapsulatedFrames.Locate(original.Dataset, fragments, layout.NumberOfFrames);
            for (int f = 0; f < frames.Count; f++)
            {
                var expected = ReferenceTool.OpjDecompress(EncapsulatedFrames.ReadFrame(fragments, frames[f]));
                CodecTestFile.AssertSameSamples(expected, samples.AsSpan((int)(f * layout.BytesPerFrame), (int)layout.BytesPerFrame), $"{relative} frame {f}");
            }

            return;
        }

        var theirs = RunTool(tool, path);
        var theirFile = DicomFile.Open(theirs);
        CodecTestFile.AssertSameSamples(CodecTestFile.NativePixelData(File.ReadAllBytes(theirs)), samples.AsSpan(0, (int)layout.TotalBytes), $"{relative} vs {tool}");
        Assert.Equal(theirFile.Dataset.GetString(PixelDataDescription.PhotometricInterpretation), layout.Photometric);
        if (layout.SamplesPerPixel > 1) Assert.Equal(theirFile.Dataset.GetInteger(PixelDataDescription.PlanarConfiguration), layout.PlanarConfiguration);
        if (TransferSyntax.FromUid(uid).IsLossy) Assert.Equal("01", DicomFile.Open(ours).Dataset.GetString(Transcoder.LossyImageCompression));
    }

    [Theory]
    [MemberData(nameof(EncapsulatedFiles))]
    [InlineData("pydicom/MR_small_bigendian.dcm")]
    [InlineData("pydicom/SC_rgb_small_odd_big_endian.dcm")]
    [InlineData("pydicom/MR_small_implicit.dcm")]
    [InlineData("pydicom/rtdose.dcm")]
    public void Dciodvfy_finds_no_new_error_in_the_explicit_little_endian_file(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var ours = Transcode(path, TranscodeOptions.To(TransferSyntax.ExplicitVRLittleEndian.Uid), out _);
        var before = ReferenceTool.Dciodvfy(path);
        var after = ReferenceTool.Dciodvfy(ours);
        Assert.True(after.Ran || ReferenceTool.DciodvfyCannotJudge32BitPixels(after.Output), $"{relative}: dciodvfy aborted on our output: {after.Output}");
        Assert.True(after.Errors.IsSubsetOf(before.Errors), $"{relative}: new errors: {string.Join(" | ", after.Errors.Except(before.Errors))}");
    }

    [Theory]
    [InlineData("pydicom/MR_small_bigendian.dcm")]
    [InlineData("pydicom/ExplVR_BigEnd.dcm")]
    [InlineData("pydicom/SC_rgb_small_odd_big_endian.dcm")]
    [InlineData("pydicom/MR_small_implicit.dcm")]
    [InlineData("pydicom/rtdose.dcm")]
    public void Big_endian_and_implicit_vr_files_read_like_what_dcmconv_writes(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var ours = Transcode(path, TranscodeOptions.To(TransferSyntax.ExplicitVRLittleEndian.Uid), out var result);
        Assert.True(result.Changed);
        var theirs = RunTool("dcmconv", path, "+te");
        // Every element of the dataset, as dcmdump prints it (values, VRs, sequences): the same as dcmconv's conversion.
        Assert.Equal(Dump(theirs), Dump(ours));
    }

    private static string[] Dump(string path)
    {
        var (code, stdout, err) = ReferenceTool.Run("dcmdump", ["-q", "+L", path]);
        Assert.True(code == 0, err);
        // The dataset only (the meta group names the writer); group lengths are optional and recomputed differently.
        return stdout.Split('\n').SkipWhile(l => !l.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal))
            .Where(l => !l.Contains("GroupLength", StringComparison.Ordinal)).ToArray();
    }

    public static TheoryData<string, string> LosslessTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in CorpusFiles.Readable())
        {
            // The seven dicom-cookies are the same kind of image (large JPEG Baseline YBR_FULL_422, one frame): one
            // stands for them here, where each costs seconds; every one is decompressed against dcmdjpeg above.
            if (f.StartsWith("deid-data/dicom-cookies/", StringComparison.Ordinal) && f != "deid-data/dicom-cookies/image1.dcm") continue;
            if (DicomFile.Open(CorpusFiles.PathOf(f), DicomReadOptions.Header).PixelDataInfo is null) continue;
            foreach (var uid in new[] { "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" }) data.Add(f, uid);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LosslessTargets))]
    public void Rle_and_jpeg_lossless_round_trip_bit_exactly_and_dcmtk_decodes_them(string relative, string targetUid)
    {
        var path = CorpusFiles.PathOf(relative);
        var reference = DicomFile.Open(path);
        if (relative == "pydicom/badVR.dcm")
        {
            // Its Number of Frames is "1A": image attributes that are present but not numbers are refused, not guessed.
            var bad = Assert.Throws<UnsupportedInputException>(() => Transcoder.InProcess.Transcode(DicomFile.Open(path), TranscodeOptions.To(targetUid)));
            Assert.Contains("not a number", bad.Message);
            return;
        }

        var refLayout = PixelDataDescription.Read(reference.Dataset, reference.TransferSyntax, DicomTag.PixelData);
        string? refusal = Refusal(refLayout, reference.TransferSyntax, targetUid);
        if (refusal is not null)
        {
            var ex = Assert.Throws<UnsupportedInputException>(() => Transcoder.InProcess.Transcode(DicomFile.Open(path), TranscodeOptions.To(targetUid)));
            Assert.Contains(refusal, ex.Message);
            return;
        }

        // The samples before: our decode of the input (which the decompression test ties to dcmtk).
        var (expected, expectedLayout) = NativeOf(Transcode(path, TranscodeOptions.To(TransferSyntax.ExplicitVRLittleEndian.Uid), out _));
        var encoded = Transcode(path, TranscodeOptions.To(targetUid), out var result);
        Assert.True(result.Changed || reference.TransferSyntax.Uid == targetUid);
        Assert.Equal(targetUid, DicomFile.Open(encoded, DicomReadOptions.Header).TransferSyntax.Uid);

        var (roundTrip, roundTripLayout) = NativeOf(Transcode(encoded, TranscodeOptions.Decompress(), out _));
        Assert.Equal(Interleaved(expected, expectedLayout), Interleaved(roundTrip, roundTripLayout));

        var theirs = RunTool(DcmtkDecoder(targetUid)!, encoded);
        var theirSamples = CodecTestFile.NativePixelData(File.ReadAllBytes(theirs));
        CodecTestFile.AssertSameSamples(theirSamples, roundTrip.AsSpan(0, (int)roundTripLayout.TotalBytes), $"{relative} as {targetUid} decoded by dcmtk");
    }

    [Theory]
    [InlineData("pydicom/MR_small.dcm", "1.2.840.10008.1.2.4.80")]
    [InlineData("pydicom/ExplVR_BigEnd.dcm", "1.2.840.10008.1.2.4.80")]
    [InlineData("pydicom/SC_rgb_rle_16bit_2frame.dcm", "1.2.840.10008.1.2.4.80")]
    [InlineData("pydicom/MR_small.dcm", "1.2.840.10008.1.2.4.90")]
    [InlineData("pydicom/ExplVR_BigEnd.dcm", "1.2.840.10008.1.2.4.90")]
    [InlineData("pydicom/SC_rgb_rle_16bit_2frame.dcm", "1.2.840.10008.1.2.4.90")]
    public void Jpeg_ls_and_jpeg_2000_lossless_targets_round_trip_and_the_reference_decoders_agree(string relative, string targetUid)
    {
        var path = CorpusFiles.PathOf(relative);
        var (expected, expectedLayout) = NativeOf(Transcode(path, TranscodeOptions.To(TransferSyntax.ExplicitVRLittleEndian.Uid), out _));
        var encoded = Transcode(path, TranscodeOptions.To(targetUid), out _);
        var (roundTrip, layout) = NativeOf(Transcode(encoded, TranscodeOptions.Decompress(), out _));
        Assert.Equal(Interleaved(expected, expectedLayout), Interleaved(roundTrip, layout));
        Assert.Equal(0, layout.PlanarConfiguration); // PS3.5 8.2: JPEG-family streams are colour by pixel

        if (targetUid == "1.2.840.10008.1.2.4.80")
        {
            var theirs = CodecTestFile.NativePixelData(File.ReadAllBytes(RunTool("dcmdjpls", encoded)));
            CodecTestFile.AssertSameSamples(theirs, roundTrip.AsSpan(0, (int)layout.TotalBytes), $"{relative} as JPEG-LS decoded by dcmdjpls");
            return;
        }

        // opj_decompress writes colour by plane: compare with the planar form of our samples.
        var file = DicomFile.Open(encoded);
        var fragments = (DicomFragments)file.Dataset.Get(DicomTag.PixelData)!;
        var frames = EncapsulatedFrames.Locate(file.Dataset, fragments, layout.NumberOfFrames);
        var planar = Planar(roundTrip, layout);
        for (int f = 0; f < frames.Count; f++)
        {
            var theirs = ReferenceTool.OpjDecompress(EncapsulatedFrames.ReadFrame(fragments, frames[f]));
            CodecTestFile.AssertSameSamples(theirs, planar.AsSpan((int)(f * layout.BytesPerFrame), (int)layout.BytesPerFrame), $"{relative} frame {f} by opj_decompress");
        }
    }

    /// <summary>Colour-by-pixel samples rearranged colour by plane, frame by frame.</summary>
    private static byte[] Planar(byte[] native, PixelLayout layout)
    {
        var data = native.AsSpan(0, (int)layout.TotalBytes).ToArray();
        if (layout.SamplesPerPixel == 1) return data;
        int bytes = layout.BitsAllocated / 8, samples = layout.SamplesPerPixel, pixels = (int)layout.PixelsPerFrame;
        var result = new byte[data.Length];
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            int frame = (int)(f * layout.BytesPerFrame);
            for (int p = 0; p < pixels; p++)
            {
                for (int s = 0; s < samples; s++)
                {
                    data.AsSpan(frame + (p * samples + s) * bytes, bytes).CopyTo(result.AsSpan(frame + (s * pixels + p) * bytes));
                }
            }
        }

        return result;
    }

    /// <summary>What the transcoder must say when a target cannot hold an image (null: it can).</summary>
    private static string? Refusal(PixelLayout layout, TransferSyntax source, string targetUid)
    {
        // Native YBR_FULL_422 keeps two luma samples per chroma pair; encapsulated (JPEG) YBR_FULL_422 decodes to RGB.
        if (layout.Photometric == "YBR_FULL_422" && !source.IsEncapsulated) return "YBR_FULL_422";
        if (targetUid != "1.2.840.10008.1.2.5" && layout.BitsAllocated > 16) return "Bits Allocated 32";
        return null;
    }

    /// <summary>Samples in colour-by-pixel order whatever the Planar Configuration, without trailing padding.</summary>
    private static byte[] Interleaved(byte[] native, PixelLayout layout)
    {
        var data = native.AsSpan(0, (int)layout.TotalBytes).ToArray();
        if (layout.SamplesPerPixel == 1 || layout.PlanarConfiguration == 0) return data;
        int bytes = layout.BitsAllocated / 8, samples = layout.SamplesPerPixel, pixels = (int)layout.PixelsPerFrame;
        var result = new byte[data.Length];
        for (int f = 0; f < layout.NumberOfFrames; f++)
        {
            int frame = (int)(f * layout.BytesPerFrame);
            for (int s = 0; s < samples; s++)
            {
                for (int p = 0; p < pixels; p++)
                {
                    data.AsSpan(frame + (s * pixels + p) * bytes, bytes).CopyTo(result.AsSpan(frame + (p * samples + s) * bytes));
                }
            }
        }

        return result;
    }

    [Theory]
    [InlineData("pydicom/examples_rgb_color.dcm")]
    [InlineData("pydicom/image_dfl.dcm")]
    [InlineData("pydicom/SC_rgb_rle.dcm")]
    public void Jpeg_baseline_output_is_marked_lossy_and_dcmdjpeg_reads_it_close_to_the_input(string relative)
    {
        var path = CorpusFiles.PathOf(relative);
        var (expected, layout) = NativeOf(Transcode(path, TranscodeOptions.To(TransferSyntax.ExplicitVRLittleEndian.Uid), out _));
        var jpeg = Transcode(path, TranscodeOptions.To(TransferSyntax.JpegBaseline.Uid), out var result);
        Assert.Contains(result.Notes, n => n.Contains("ratio", StringComparison.Ordinal));
        var ds = DicomFile.Open(jpeg).Dataset;
        Assert.Equal("01", ds.GetString(Transcoder.LossyImageCompression));
        Assert.Equal("ISO_10918_1", ds.GetValues(Transcoder.LossyImageCompressionMethod)![^1]);
        Assert.True(ds.GetDouble(Transcoder.LossyImageCompressionRatio, ds.GetValues(Transcoder.LossyImageCompressionRatio)!.Length - 1) > 1);
        Assert.Equal(layout.SamplesPerPixel == 3 ? "YBR_FULL_422" : layout.Photometric, ds.GetString(PixelDataDescription.PhotometricInterpretation));

        // dcmdjpeg converts back to RGB (colour by pixel); quality 90 keeps the image within ~30 dB PSNR of the input.
        var decoded = CodecTestFile.NativePixelData(File.ReadAllBytes(RunTool("dcmdjpeg", jpeg)));
        var original = Interleaved(expected, layout);
        double squared = 0;
        for (int i = 0; i < original.Length; i++) squared += (original[i] - decoded[i]) * (double)(original[i] - decoded[i]);
        double psnr = 10 * Math.Log10(255.0 * 255.0 / Math.Max(squared / original.Length, 1e-9));
        Assert.True(psnr > 30, $"{relative}: PSNR {psnr:0.0} dB");
    }

    [Theory]
    [InlineData("pydicom/CT_small.dcm", "16 bits allocated")]
    [InlineData("pydicom/examples_palette.dcm", "PALETTE COLOR")]
    [InlineData("pydicom/SC_ybr_full_422_uncompressed.dcm", "YBR_FULL_422")]
    public void Images_jpeg_baseline_cannot_hold_are_refused_with_the_reason(string relative, string reason)
    {
        var ex = Assert.Throws<UnsupportedInputException>(() =>
            Transcoder.InProcess.Transcode(DicomFile.Open(CorpusFiles.PathOf(relative)), TranscodeOptions.To(TransferSyntax.JpegBaseline.Uid)));
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("pydicom/SC_rgb_jpeg_dcmtk.dcm")]
    [InlineData("deid-data/humans/ctbrain1.dcm")]
    public void Skip_jpeg_baseline_leaves_baseline_files_alone(string relative)
    {
        var file = DicomFile.Open(CorpusFiles.PathOf(relative));
        var result = Transcoder.InProcess.Transcode(file, TranscodeOptions.Decompress(skipJpegBaseline: true));
        Assert.False(result.Changed);
        Assert.False(file.Dataset.IsModified);
        Assert.Equal(TransferSyntax.JpegBaseline, file.TransferSyntax);
        var rle = Transcoder.InProcess.Transcode(DicomFile.Open(CorpusFiles.PathOf(relative)), TranscodeOptions.To("1.2.840.10008.1.2.5", skipJpegBaseline: true));
        Assert.False(rle.Changed);
    }

    [Fact]
    public void Decompress_leaves_native_files_alone_and_transcode_to_explicit_rewrites_them()
    {
        var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/MR_small_implicit.dcm"));
        Assert.False(Transcoder.InProcess.Transcode(file, TranscodeOptions.Decompress()).Changed);
        Assert.False(file.Dataset.IsModified);
        Assert.True(Transcoder.InProcess.Transcode(file, TranscodeOptions.To("1.2.840.10008.1.2.1")).Changed);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
    }

    [Fact]
    public void Targets_we_cannot_write_are_refused_up_front()
    {
        var ex = Assert.Throws<ArgumentException>(() => TranscodeOptions.To("1.2.840.10008.1.2.4.91"));
        Assert.Contains("1.2.840.10008.1.2.4.90", ex.Message);
        Assert.Throws<ArgumentException>(() => TranscodeOptions.To("1.2.840.10008.1.2.2"));
        Assert.Throws<ArgumentException>(() => TranscodeOptions.To("1.2.3.4"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_corrupt_rle_frame_fails_with_our_exception_and_leaves_no_output(int corruptFrame)
    {
        var test = CodecTestFile.Load("pydicom/SC_rgb_rle_16bit_2frame.dcm");
        var frames = test.Frames();
        // Cut one frame short: its segment table points past its end (PS3.5 G.5).
        frames[corruptFrame] = frames[corruptFrame][..(frames[corruptFrame].Length / 3)];
        var input = Path.Combine(_dir, "corrupt.dcm");
        File.WriteAllBytes(input, test.WithFrames(frames));
        var output = Path.Combine(_dir, "corrupt-out.dcm");
        var file = DicomFile.Open(input);
        // Frames are decoded while the file is written (memory stays one frame); the first is checked up front.
        var ex = Assert.ThrowsAny<PixelScrubException>(() =>
        {
            Transcoder.InProcess.Transcode(file, TranscodeOptions.Decompress());
            Assert.True(corruptFrame > 0, "a corrupt first frame must fail in Transcode itself");
            DicomWriter.WriteFile(file, output);
        });
        Assert.True(ex is DicomFormatException or JpegFormatException, ex.GetType().Name + ": " + ex.Message);
        Assert.Contains("frame", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(output));
        Assert.Equal([input], Directory.GetFiles(_dir, "*corrupt*")); // no temp file left beside the destination
    }

    [Fact]
    public void A_jpeg_frame_of_the_wrong_size_is_refused()
    {
        // The code stream of a 100x100 frame in a header that says 3x3 (SC_rgb_small_odd's header, SC_rgb_jpeg_dcmtk's frame).
        var small = CodecTestFile.Load("pydicom/SC_rgb_small_odd_jpeg.dcm");
        var large = CodecTestFile.Load("pydicom/SC_rgb_jpeg_dcmtk.dcm");
        var input = Path.Combine(_dir, "mismatch.dcm");
        File.WriteAllBytes(input, small.WithFrames([large.Frames()[0]]));
        var ex = Assert.Throws<JpegFormatException>(() => Transcoder.InProcess.Transcode(DicomFile.Open(input), TranscodeOptions.Decompress()));
        Assert.Equal(0, ex.Frame);
        Assert.Contains("header says", ex.Message);
    }
}
