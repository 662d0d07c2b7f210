using System.Globalization;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Samples;

namespace PixelScrub.Bench.Generators;

/// <summary>
/// `PixelScrub.Bench generate KIND ...` writes the inputs of the bench/*.sh scripts (under /tmp, never the repository):
/// <list type="bullet">
/// <item>`us-native FILE FRAMES`: a native RGB 1024 x 768 multi-frame ultrasound with the demo's Siemens S2000 header
/// (the default rules clean its top 60 rows); the pixel data is streamed to disk, 8 distinct frames repeated.</item>
/// <item>`us-jpeg FOLDER FRAMES`: FOLDER/cine.dcm, a JPEG Baseline 4:2:2 multi-frame 1024 x 768 ultrasound with a
/// Philips EPIQ 7G header, and the same frames as FOLDER/jpg/fNNNN.jpg (8 distinct frames repeated).</item>
/// <item>`ct-native FILE FRAMES`: a native 512 x 512, 12-of-16-bit MONOCHROME2 multi-frame CT (for codec runs).</item>
/// <item>`ct-series FOLDER COUNT`: COUNT single-frame native 512 x 512 12-of-16-bit CT Image Storage files, each with its
/// own SOP Instance UID (for the DICOM node: it is idempotent by UID), 8 distinct pixel frames repeated.</item>
/// </list>
/// </summary>
internal static class Generate
{
    private const int Distinct = 8;

    public static int Run(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int frames) || frames < 1)
        {
            Console.Error.WriteLine("usage: generate us-native|us-jpeg|ct-native PATH FRAMES");
            return 2;
        }

        switch (args[0])
        {
            case "us-native": NativeUltrasound(args[1], frames); break;
            case "us-jpeg": JpegUltrasound(args[1], frames); break;
            case "ct-native": NativeCt(args[1], frames); break;
            case "ct-series": CtSeries(args[1], frames); break;
            default:
                Console.Error.WriteLine($"unknown kind {args[0]}");
                return 2;
        }

        return 0;
    }

    private static void NativeUltrasound(string path, int frames)
    {
        var ds = DemoSamples.Ultrasound();
        var distinct = new byte[Math.Min(Distinct, frames)][];
        for (int i = 0; i < distinct.Length; i++) distinct[i] = DemoSamples.UltrasoundFrame(BenchImages.UsRows, BenchImages.UsColumns, i);
        SetStreamedPixels(ds, DicomVR.OB, frames, distinct);
        DicomWriter.WriteFile(DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian), path);
    }

    private static void NativeCt(string path, int frames)
    {
        var ds = SyntheticImage.Header("bench/ct-multiframe", "CT", DemoSamples.SecondaryCapture, new Dictionary<string, string>
        {
            ["Manufacturer"] = "ACME", ["ImageType"] = "DERIVED\\SECONDARY", ["BurnedInAnnotation"] = "NO",
        });
        var distinct = new byte[Math.Min(Distinct, frames)][];
        for (int i = 0; i < distinct.Length; i++) distinct[i] = BenchImages.CtFrame(512 + i);
        SyntheticImage.SetPixels(ds, 512, 512, 1, 16, 12, false, "MONOCHROME2", [], frames);
        SetStreamedPixels(ds, DicomVR.OW, frames, distinct);
        DicomWriter.WriteFile(DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian), path);
    }

    private static void CtSeries(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var distinct = Enumerable.Range(0, Distinct).Select(i => BenchImages.CtFrame(512 + i)).ToArray();
        for (int i = 0; i < count; i++)
        {
            var ds = SyntheticImage.Header($"bench/ct-series/{i}", "CT", "1.2.840.10008.5.1.4.1.1.2", new Dictionary<string, string>
            {
                ["Manufacturer"] = "ACME", ["ImageType"] = "ORIGINAL\\PRIMARY\\AXIAL", ["BurnedInAnnotation"] = "NO",
            });
            SyntheticImage.SetPixels(ds, 512, 512, 1, 16, 12, false, "MONOCHROME2", [], 1);
            SetStreamedPixels(ds, DicomVR.OW, 1, [distinct[i % Distinct]]);
            DicomWriter.WriteFile(DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian), Path.Combine(folder, $"ct{i:D4}.dcm"));
        }
    }

    private static void SetStreamedPixels(DicomDataset ds, DicomVR vr, int frames, byte[][] distinct)
    {
        if (frames > 1) ds.SetString(new DicomTag(0x0028, 0x0008), DicomVR.IS, frames.ToString(CultureInfo.InvariantCulture));
        long length = (long)frames * distinct[0].Length;
        if ((length & 1) == 1) throw new InvalidOperationException("odd pixel data length");
        ds.Set(new DicomElement(DicomTag.PixelData, vr, new StreamedValue(length, s =>
        {
            for (int f = 0; f < frames; f++) s.Write(distinct[f % distinct.Length]);
        })));
    }

    private static void JpegUltrasound(string folder, int frames)
    {
        var ds = SyntheticImage.Header("bench/us-jpeg", "US", "1.2.840.10008.5.1.4.1.1.3.1", new Dictionary<string, string>
        {
            ["Manufacturer"] = "Philips Medical Systems", ["ManufacturerModelName"] = "EPIQ 7G", ["ImageType"] = "ORIGINAL\\PRIMARY",
            ["FrameTime"] = "40",
        });
        var distinct = new byte[Math.Min(Distinct, frames)][];
        for (int i = 0; i < distinct.Length; i++) distinct[i] = BenchImages.UltrasoundJpeg(i);
        string jpg = Path.Combine(folder, "jpg");
        Directory.CreateDirectory(jpg);
        var encoded = new byte[frames][];
        for (int f = 0; f < frames; f++)
        {
            encoded[f] = distinct[f % distinct.Length];
            File.WriteAllBytes(Path.Combine(jpg, $"f{f:D4}.jpg"), encoded[f]);
        }

        SyntheticImage.SetEncapsulatedPixels(ds, BenchImages.UsRows, BenchImages.UsColumns, 3, "YBR_FULL_422", encoded,
            BenchImages.UsRows * BenchImages.UsColumns * 3, "ISO_10918_1");
        // Frame Increment Pointer -> Frame Time (0018,1063)
        ds.Set(new DicomElement(new DicomTag(0x0028, 0x0009), DicomVR.AT, ElementValue.FromBytes(new byte[] { 0x18, 0x00, 0x63, 0x10 })));
        DicomWriter.WriteFile(DicomFile.Create(ds, TransferSyntax.JpegBaseline), Path.Combine(folder, "cine.dcm"));
    }
}
