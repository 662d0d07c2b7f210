using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Imaging;

namespace PixelScrub.Samples;

/// <summary>One sample of the demo set: its file name and what PixelScrub is expected to do with it.</summary>
public sealed record DemoSample(string RelativePath, string Description, string Expected);

/// <summary>
/// The built-in demo set: synthetic images with burned-in "patient" text drawn by the built-in bitmap font, made to
/// match the default rules: a CT dose screen save and a Siemens S2000 ultrasound (cleaned), a plain CT (passed) and a
/// scanned document without a known layout (quarantined for review).
/// </summary>
public static class DemoSamples
{
    public const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
    public const string CtImage = "1.2.840.10008.5.1.4.1.1.2";
    public const string UltrasoundImage = "1.2.840.10008.5.1.4.1.1.6.1";

    public static readonly string[] PatientLines = ["PATIENT: DOE^JANE", "ID: PS-0042-7731", "DOB: 1961-04-17", "ACME GENERAL HOSPITAL"];

    /// <summary>Writes the set under <paramref name="folder"/>; returns what was written.</summary>
    public static IReadOnlyList<DemoSample> Write(string folder)
    {
        var samples = new List<DemoSample>();
        Save(folder, "ct/dose-report.dcm", DoseScreen(), samples, "CT dose report screen save, 512x512 16-bit, patient text in the top 110 rows",
            "cleaned: rows 0-109 blacked out (rule 'Dose Report', from CTP)");
        Save(folder, "us/siemens-s2000.dcm", Ultrasound(), samples, "Siemens ACUSON S2000 ultrasound, 1024x768 RGB, patient text in the top 60 rows",
            "cleaned: rows 0-59 blacked out (rule 'SIEMMENS', from deid)");
        Save(folder, "us/philips-epiq-jpeg.dcm", JpegUltrasound(), samples, "Philips EPIQ 7G ultrasound, JPEG Baseline 4:2:2, 1024x768, patient text in the top 49 rows",
            "cleaned in the DCT domain: blocks of rows 0-55 blacked out, the rest of the JPEG data copied (rule 'EPIQ 7G')", TransferSyntax.JpegBaseline);
        Save(folder, "us/philips-epiq-cine.dcm", JpegCine(), samples, "Philips EPIQ 7G cine, 12 JPEG Baseline frames of 1024x600",
            "cleaned in the DCT domain, every frame (rule 'EPIQ 7G' for 600 rows)", TransferSyntax.JpegBaseline);
        Save(folder, "ct/axial-0001.dcm", PlainCt(), samples, "plain axial CT slice, 512x512 signed 16-bit, no text",
            "passed: copied unchanged (no rule matched)");
        Save(folder, "sc/scanned-document.dcm", ScannedDocument(), samples, "scanned document with text everywhere, no Image Type",
            "quarantined: flagged by the 'Missing ImageType' blacklist rule, which gives no regions to clean");
        return samples;
    }

    private static void Save(string folder, string relative, DicomDataset ds, List<DemoSample> samples, string description, string expected,
        TransferSyntax? syntax = null)
    {
        var file = DicomFile.Create(ds, syntax ?? TransferSyntax.ExplicitVRLittleEndian);
        DicomWriter.WriteFile(file, Path.Combine(folder, relative));
        samples.Add(new DemoSample(relative, description, expected));
    }

    public static DicomDataset DoseScreen()
    {
        var ds = SyntheticImage.Header("demo/dose", "CT", SecondaryCapture, new Dictionary<string, string>
        {
            ["Manufacturer"] = "GE MEDICAL SYSTEMS", ["SeriesDescription"] = "Dose Report", ["ImageType"] = "DERIVED\\SECONDARY\\SCREEN SAVE",
            ["ManufacturerModelName"] = "Revolution CT",
        });
        const int size = 512;
        var pixels = new ushort[size * size];
        ushort white = 4000;
        BitmapFont.DrawText<ushort>(pixels, size, size, size, 1, 8, 8, string.Join('\n', PatientLines), [white], 2);
        BitmapFont.DrawText<ushort>(pixels, size, size, size, 1, 8, 140, "SERIES  CTDIvol  DLP\n1       12.41    845.20\n2        3.02     41.77\nTOTAL DLP 886.97 mGy*cm", [white], 2);
        SyntheticImage.SetPixels(ds, size, size, 1, 16, 12, false, "MONOCHROME2", SyntheticImage.ToLittleEndian(pixels));
        return ds;
    }

    public static DicomDataset Ultrasound()
    {
        var ds = SyntheticImage.Header("demo/us", "US", UltrasoundImage, new Dictionary<string, string>
        {
            ["Manufacturer"] = "SIEMENS", ["ManufacturerModelName"] = "ACUSON S2000", ["ImageType"] = "ORIGINAL\\PRIMARY\\ABDOMINAL",
        });
        const int rows = 768, cols = 1024;
        var rgb = UltrasoundFrame(rows, cols, 0);
        SyntheticImage.SetPixels(ds, rows, cols, 3, 8, 8, false, "RGB", rgb);
        return ds;
    }

    /// <summary>An RGB ultrasound-like frame: a speckled fan, and patient text in the top 60 rows.</summary>
    public static byte[] UltrasoundFrame(int rows, int cols, int frame)
    {
        var rgb = new byte[rows * cols * 3];
        var rng = new Random(1234 + frame);
        double apexX = cols / 2.0, apexY = 70;
        for (int y = 70; y < rows; y++)
        {
            for (int x = 0; x < cols; x++)
            {
                double dx = x - apexX, dy = y - apexY, r = Math.Sqrt(dx * dx + dy * dy), angle = Math.Atan2(dx, dy);
                if (Math.Abs(angle) > 0.6 || r > rows - 80) continue;
                byte v = (byte)Math.Clamp(60 + 50 * Math.Sin(r / 23.0 + frame * 0.3) + rng.Next(0, 70), 0, 255);
                int i = (y * cols + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
            }
        }

        // Two lines of patient text in rows 4-43: inside the 49-row band of the Philips rules and the 60-row band of the Siemens one.
        BitmapFont.DrawText<byte>(rgb, cols, rows, cols * 3, 3, 10, 4, PatientLines[0] + "   " + PatientLines[1], [255, 255, 0], 2);
        BitmapFont.DrawText<byte>(rgb, cols, rows, cols * 3, 3, 10, 26, PatientLines[2] + "   " + PatientLines[3], [255, 255, 0], 2);
        BitmapFont.DrawText<byte>(rgb, cols, rows, cols * 3, 3, 820, 700, "C5-1  4.0MHz", [0, 255, 0], 2);
        return rgb;
    }

    public static DicomDataset JpegUltrasound()
    {
        var ds = SyntheticImage.Header("demo/us-jpeg", "US", UltrasoundImage, new Dictionary<string, string>
        {
            ["Manufacturer"] = "Philips Medical Systems", ["ManufacturerModelName"] = "EPIQ 7G", ["ImageType"] = "ORIGINAL\\PRIMARY",
        });
        const int rows = 768, cols = 1024;
        var frame = JpegEncoder.Encode(UltrasoundFrame(rows, cols, 0), cols, rows, JpegEncoderInput.Rgb,
            new JpegEncoderOptions { Quality = 92, Sampling = JpegChromaSampling.Horizontal, OptimizeHuffman = true });
        SyntheticImage.SetEncapsulatedPixels(ds, rows, cols, 3, "YBR_FULL_422", [frame], rows * cols * 3, "ISO_10918_1");
        return ds;
    }

    public static DicomDataset JpegCine()
    {
        var ds = SyntheticImage.Header("demo/us-cine", "US", "1.2.840.10008.5.1.4.1.1.3.1", new Dictionary<string, string>
        {
            ["Manufacturer"] = "Philips Medical Systems", ["ManufacturerModelName"] = "EPIQ 7G", ["ImageType"] = "ORIGINAL\\PRIMARY",
            ["FrameTime"] = "40",
        });
        const int rows = 600, cols = 1024, frames = 12;
        var encoded = new List<byte[]>();
        for (int f = 0; f < frames; f++)
        {
            encoded.Add(JpegEncoder.Encode(UltrasoundFrame(rows, cols, f), cols, rows, JpegEncoderInput.Rgb,
                new JpegEncoderOptions { Quality = 90, Sampling = JpegChromaSampling.Horizontal }));
        }

        SyntheticImage.SetEncapsulatedPixels(ds, rows, cols, 3, "YBR_FULL_422", encoded, rows * cols * 3, "ISO_10918_1");
        // Frame Increment Pointer -> Frame Time (0018,1063)
        ds.Set(new DicomElement(new DicomTag(0x0028, 0x0009), DicomVR.AT, ElementValue.FromBytes(new byte[] { 0x18, 0x00, 0x63, 0x10 })));
        return ds;
    }

    public static DicomDataset PlainCt()
    {
        var ds = SyntheticImage.Header("demo/ct", "CT", CtImage, new Dictionary<string, string>
        {
            ["Manufacturer"] = "ACME", ["ImageType"] = "ORIGINAL\\PRIMARY\\AXIAL", ["BurnedInAnnotation"] = "NO",
        });
        var samples = SyntheticImage.CtBackground(512, 512, 3000, 7);
        var signed = new ushort[samples.Length];
        for (int i = 0; i < samples.Length; i++) signed[i] = unchecked((ushort)(short)(samples[i] - 1024));
        SyntheticImage.SetPixels(ds, 512, 512, 1, 16, 16, true, "MONOCHROME2", SyntheticImage.ToLittleEndian(signed));
        ds.SetString(new DicomTag(0x0028, 0x1052), DicomVR.DS, "0");
        ds.SetString(new DicomTag(0x0028, 0x1053), DicomVR.DS, "1");
        return ds;
    }

    public static DicomDataset ScannedDocument()
    {
        var ds = SyntheticImage.Header("demo/doc", "OT", SecondaryCapture, new Dictionary<string, string> { ["Manufacturer"] = "ACME SCANNER" });
        const int rows = 400, cols = 300;
        var grey = new byte[rows * cols];
        Array.Fill(grey, (byte)235);
        BitmapFont.DrawText<byte>(grey, cols, rows, cols, 1, 10, 10, "REFERRAL LETTER\n\n" + string.Join('\n', PatientLines) + "\n\nDear colleague,\nplease see this patient\nfor a follow-up scan.", [20], 1);
        SyntheticImage.SetPixels(ds, rows, cols, 1, 8, 8, false, "MONOCHROME2", grey);
        return ds;
    }
}
