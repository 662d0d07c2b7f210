using PixelScrub.Codecs;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Tests.Support;
using Xunit.Abstractions;

namespace PixelScrub.Tests.Imaging;

/// <summary>
/// Our rendering of frame 1 of every native corpus file (and of the encapsulated ones once DCMTK has decompressed
/// them) against DCMTK's dcmj2pnm with the same VOI choice: the first window (+Wi 1) where the file has one, else
/// the min-max window (+Wm).
/// </summary>
public sealed class DcmtkRenderingTests(ITestOutputHelper output)
{
    public static TheoryData<string> NativeFiles =>
    [
        "pydicom/CT_small.dcm",
        "pydicom/MR_small.dcm",
        "pydicom/MR_small_bigendian.dcm",
        "pydicom/MR_small_implicit.dcm",
        "pydicom/MR_small_padded.dcm",
        "pydicom/ExplVR_BigEnd.dcm",
        "pydicom/SC_rgb_small_odd.dcm",
        "pydicom/SC_rgb_small_odd_big_endian.dcm",
        "pydicom/SC_ybr_full_422_uncompressed.dcm",
        "pydicom/examples_overlay.dcm",
        "pydicom/examples_palette.dcm",
        "pydicom/examples_rgb_color.dcm",
        "pydicom/image_dfl.dcm",
        "pydicom/rtdose.dcm",
        "deid-data/ultrasounds/GREYSCALE_IMAGE.dcm",
        "deid-data/ultrasounds/RGB_IMAGE.dcm",
    ];

    /// <summary>Encapsulated corpus files, made native by DCMTK's own decompressors (the tool named first).</summary>
    public static TheoryData<string, string> EncapsulatedFiles => new()
    {
        { "dcmdrle", "pydicom/MR_small_RLE.dcm" },
        { "dcmdrle", "pydicom/SC_rgb_rle.dcm" },
        { "dcmdrle", "pydicom/SC_rgb_rle_16bit_2frame.dcm" },
        { "dcmdrle", "pydicom/SC_rgb_rle_32bit.dcm" },
        { "dcmdjpeg", "pydicom/JPEG-lossy.dcm" },
        { "dcmdjpeg", "pydicom/SC_rgb_jpeg_dcmtk.dcm" },
        { "dcmdjpeg", "pydicom/SC_rgb_jpeg_gdcm.dcm" },
        { "dcmdjpeg", "pydicom/SC_rgb_small_odd_jpeg.dcm" },
        { "dcmdjpeg", "deid-data/humans/ctbrain1.dcm" },
        { "dcmdjpls", "pydicom/JPEGLSNearLossless_08.dcm" },
        { "dcmdjpls", "pydicom/MR_small_jpeg_ls_lossless.dcm" },
    };

    /// <summary>Encapsulated corpus files that dcmj2pnm renders itself (JPEG-LS and JPEG 2000 it cannot).</summary>
    public static TheoryData<string> EncapsulatedDcmtkRenders =>
    [
        "deid-data/dicom-cookies/image1.dcm",
        "deid-data/dicom-cookies/image2.dcm",
        "deid-data/dicom-cookies/image3.dcm",
        "deid-data/dicom-cookies/image4.dcm",
        "deid-data/dicom-cookies/image5.dcm",
        "deid-data/dicom-cookies/image6.dcm",
        "deid-data/dicom-cookies/image7.dcm",
        "deid-data/humans/ctbrain1.dcm",
        "deid-data/humans/ctbrain2.dcm",
        "pydicom/JPEG-lossy.dcm",
        "pydicom/MR_small_RLE.dcm",
        "pydicom/SC_jpeg_no_color_transform.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cr.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm",
        "pydicom/SC_rgb_dcmtk_+eb+cy+s4.dcm",
        "pydicom/SC_rgb_jpeg_dcmtk.dcm",
        "pydicom/SC_rgb_jpeg_gdcm.dcm",
        "pydicom/SC_rgb_rle.dcm",
        "pydicom/SC_rgb_rle_16bit_2frame.dcm",
        "pydicom/SC_rgb_rle_32bit.dcm",
        "pydicom/SC_rgb_small_odd_jpeg.dcm",
    ];

    [Theory]
    [MemberData(nameof(NativeFiles))]
    public void FirstFrameMatchesDcmj2pnm(string corpusFile) => CompareWithDcmtk(SharedFiles.Corpus(corpusFile), corpusFile);

    [Theory]
    [MemberData(nameof(EncapsulatedDcmtkRenders))]
    public void EncapsulatedFirstFrameMatchesDcmj2pnm(string corpusFile) =>
        CompareWithDcmtk(SharedFiles.Corpus(corpusFile), corpusFile, new CodecFrameDecoder(FrameCodecRegistry.CreateDefault(null)));

    [Theory]
    [MemberData(nameof(EncapsulatedFiles))]
    public void DecompressedFirstFrameMatchesDcmj2pnm(string decompressor, string corpusFile)
    {
        string native = Path.Combine(Path.GetTempPath(), $"pixelscrub-native-{Guid.NewGuid():N}.dcm");
        try
        {
            var (code, stdout, stderr) = ReferenceTool.Run(decompressor, [SharedFiles.Corpus(corpusFile), native]);
            Assert.True(code == 0, $"{decompressor} failed on {corpusFile}: {stdout}{stderr}");
            CompareWithDcmtk(native, corpusFile);
        }
        finally
        {
            File.Delete(native);
        }
    }

    private void CompareWithDcmtk(string path, string corpusFile, IFrameDecoder? decoder = null)
    {
        var file = DicomFile.Open(path);
        var image = DicomImage.FromFile(file);
        bool grey = image.Layout.Photometric.StartsWith("MONOCHROME", StringComparison.Ordinal);
        bool hasWindow = grey && image.ParametersFor(0).Windows.Count > 0;
        var ours = image.Render(0, hasWindow ? VoiSelection.Window : VoiSelection.MinMax, decoder: decoder);

        string pnm = Path.Combine(Path.GetTempPath(), $"pixelscrub-dcmtk-{Guid.NewGuid():N}.pnm");
        try
        {
            // Overlays off: DCMTK burns overlay planes (60xx) into its output by default, we render the pixels only.
            string[] voiArgs = !grey ? [] : hasWindow ? ["+Wi", "1"] : ["+Wm"];
            var (code, stdout, stderr) = ReferenceTool.Run("dcmj2pnm", [.. voiArgs, "--no-overlays", "+op", path, pnm]);
            Assert.True(code == 0, $"dcmj2pnm failed on {corpusFile}: {stdout}{stderr}");
            var reference = Assert.Single(NetpbmTool.ReadAll(File.ReadAllBytes(pnm)));
            Assert.Equal((reference.Width, reference.Height, reference.Channels), (ours.Width, ours.Height, ours.Channels));

            long sum = 0;
            int max = 0;
            for (int i = 0; i < ours.Pixels.Length; i++)
            {
                int d = Math.Abs(ours.Pixels[i] - reference.Pixels[i]);
                sum += d;
                max = Math.Max(max, d);
            }

            double mean = (double)sum / ours.Pixels.Length;
            output.WriteLine($"{corpusFile}: {ours.Width}x{ours.Height}x{ours.Channels} {(hasWindow ? "window 1" : "min-max")} mean {mean:F4} max {max}");
            Assert.True(mean <= 1.0, $"{corpusFile}: mean absolute difference {mean:F3}");
            Assert.True(max <= 2, $"{corpusFile}: maximum difference {max}");
        }
        finally
        {
            File.Delete(pnm);
        }
    }
}
