using System.Globalization;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Samples;

namespace PixelScrub.Tests.Text;

/// <summary>
/// Generates the text corpus of issue 11's first "done means": ultrasound-like frames with patient text (the header's
/// own values in the forms scanners print) and harmless annotations, drawn in several fonts and sizes (10-40 px), in
/// several colours, in bands and over the image, grey and colour, native and JPEG, and a cine with a running clock.
/// Every choice comes from a seeded random generator; what was drawn where is returned as the ground truth.
/// </summary>
internal static class GeneratedTextCorpus
{
    public sealed record DrawnLine(string Text, Region Box, bool Phi, int Frame);

    public sealed record Sample(string Name, List<DrawnLine> Lines);

    public const int Width = 640, Height = 480;

    private static readonly string[] Families = ["HARTMANN", "OKONKWO", "LINDQVIST", "MARTINEZ", "NAKAMURA", "BRENNAN", "KOWALSKI", "DUBOIS", "SANTOS", "ABERNATHY"];
    private static readonly string[] Givens = ["JANE", "PETER", "AMINA", "LUIS", "SOFIA", "RAJESH", "ELENA", "TOMAS", "GRETA", "WALTER"];
    private static readonly string[] Institutions = ["ACME GENERAL HOSPITAL", "ST MARY MEDICAL CENTER", "NORTHSIDE CLINIC", "RIVERVIEW HEALTH", "LAKESHORE IMAGING"];
    private static readonly string[] Annotations = ["MI 0.8", "TIS 0.4", "TIB 1.1", "C5-1", "L12-5", "Gn 50", "12 fps", "5.0 MHz", "DR 60", "R", "L", "18 cm", "2D", "65 dB"];

    private static readonly (byte R, byte G, byte B)[] Colours = [(255, 255, 255), (255, 255, 0), (0, 255, 0), (0, 220, 255), (255, 170, 0), (200, 200, 200)];

    public static List<Sample> Write(string folder, int count, int seed)
    {
        Directory.CreateDirectory(folder);
        var samples = new List<Sample>();
        for (int i = 0; i < count; i++)
        {
            var rng = new Random(seed * 1000 + i);
            // File kinds in turn: grey native, RGB native, JPEG RGB; the last file is a JPEG cine with a running clock.
            bool cine = i == count - 1;
            int kind = cine ? 2 : i % 3;
            samples.Add(WriteOne(folder, $"gen{i:00}.dcm", rng, kind, cine ? 5 : 1));
        }

        return samples;
    }

    private static Sample WriteOne(string folder, string name, Random rng, int kind, int frames)
    {
        string family = Families[rng.Next(Families.Length)], given = Givens[rng.Next(Givens.Length)];
        string id = rng.Next(2) == 0 ? $"{rng.Next(10, 99)}-{rng.Next(1000, 9999)}-{rng.Next(100, 999)}" : rng.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var birth = new DateTime(1930, 1, 1).AddDays(rng.Next(0, 30000));
        var study = new DateTime(2015, 1, 1).AddDays(rng.Next(0, 3000));
        string institution = Institutions[rng.Next(Institutions.Length)];
        string accession = $"A{rng.Next(100000, 999999)}";

        string nameText = rng.Next(5) switch
        {
            0 => $"{family}, {given}",
            1 => $"{given} {family}",
            2 => $"{family}^{given}",
            3 => $"{family} {given[0]}",
            _ => $"{Title(family)}, {Title(given)}",
        };
        string[] dateFormats = ["MM/dd/yyyy", "dd.MM.yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "dd-MMM-yy", "dd MMM yyyy"];
        string Date(DateTime d) => d.ToString(dateFormats[rng.Next(dateFormats.Length)], CultureInfo.InvariantCulture).ToUpperInvariant();
        var phiLines = new List<string>
        {
            rng.Next(2) == 0 ? $"Name: {nameText}" : nameText,
            rng.Next(2) == 0 ? $"ID: {id}" : id,
            $"DOB: {Date(birth)}",
            institution,
            $"{Date(study)} {rng.Next(0, 24):00}:{rng.Next(0, 60):00}" + (rng.Next(2) == 0 ? $":{rng.Next(0, 60):00}" : ""),
            $"Acc {accession}",
        };

        // Frames: a speckled fan below a band.
        bool colour = kind != 0;
        int bandHeight = 0;
        var frameRgb = new List<byte[]>();
        var lines = new List<DrawnLine>();
        var bandColour = rng.Next(3) switch { 0 => (0, 0, 0), 1 => (40, 40, 90), _ => (70, 70, 70) };
        if (!colour)
        {
            int g = (bandColour.Item1 + bandColour.Item2 + bandColour.Item3) / 3;
            bandColour = (g, g, g);
        }

        var glyphFont = (GlyphSource.Font)rng.Next(3);

        // Patient text: in the band (two columns of lines), one line over the image at the bottom.
        var placements = new List<(string Text, int X, int Y, int H, (byte, byte, byte) Colour, GlyphSource.Font Font, bool Phi)>();
        int y = 4, x = 6, rowHeight = 0;
        int phiSize = rng.Next(10, 25);
        for (int k = 0; k < phiLines.Count - 1; k++)
        {
            var coverage = GlyphSource.Render(phiLines[k], glyphFont, phiSize);
            int w = coverage.GetLength(1);
            if (x + w > Width - 6)
            {
                x = 6;
                y += rowHeight + Math.Max(4, phiSize / 2);
                rowHeight = 0;
            }

            if (x + w > Width - 6) continue; // too wide even alone: not drawn
            var c = Colours[rng.Next(Colours.Length)];
            placements.Add((phiLines[k], x, y, phiSize, c, glyphFont, true));
            x += w + Math.Max(20, phiSize * 2);
            rowHeight = Math.Max(rowHeight, phiSize);
        }

        bandHeight = y + rowHeight + 6;
        // A large date over the image near the bottom (up to 40 px), in another font.
        int big = rng.Next(24, 41);
        var bottomFont = (GlyphSource.Font)((int)(glyphFont + 1) % 3);
        placements.Add((phiLines[^1], 20 + rng.Next(0, 60), Height - big - 12, big, Colours[rng.Next(Colours.Length)], bottomFont, true));

        // Harmless annotations on the right, over the image, small.
        int ay = bandHeight + 10;
        foreach (var a in Annotations.OrderBy(_ => rng.Next()).Take(5))
        {
            int h = rng.Next(10, 19);
            var font = (GlyphSource.Font)rng.Next(3);
            var coverage = GlyphSource.Render(a, font, h);
            placements.Add((a, Width - coverage.GetLength(1) - 8, ay, h, Colours[rng.Next(Colours.Length)], font, false));
            ay += h + 10;
        }

        for (int f = 0; f < frames; f++)
        {
            var rgb = new byte[Width * Height * 3];
            var speckle = new Random(rng.Next() + f);
            for (int py = 0; py < Height; py++)
            for (int px = 0; px < Width; px++)
            {
                int i = (py * Width + px) * 3;
                if (py < bandHeight)
                {
                    rgb[i] = (byte)bandColour.Item1;
                    rgb[i + 1] = (byte)bandColour.Item2;
                    rgb[i + 2] = (byte)bandColour.Item3;
                    continue;
                }

                double dx = px - Width / 2.0, dy = py - bandHeight, r = Math.Sqrt(dx * dx + dy * dy), angle = Math.Atan2(dx, Math.Max(1, dy));
                if (Math.Abs(angle) > 0.75 || r > Height - bandHeight) continue;
                byte v = (byte)Math.Clamp(50 + 40 * Math.Sin(r / 19.0 + f * 0.4) + speckle.Next(0, 80), 0, 255);
                rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
            }

            foreach (var p in placements) lines.Add(DrawLine(rgb, p.Text, p.X, p.Y, p.H, p.Colour, p.Font, p.Phi, f, colour));
            if (frames > 1)
            {
                // A running clock, dot matrix, on the right over the image.
                string clock = $"{10 + f / 60:00}:{41:00}:{f % 60:00}";
                int ch = 14;
                var cov = GlyphSource.Render(clock, GlyphSource.Font.DotMatrix, ch);
                lines.Add(DrawLine(rgb, clock, Width - cov.GetLength(1) - 10, 300, ch, (255, 255, 255), GlyphSource.Font.DotMatrix, true, f, colour));
            }

            frameRgb.Add(rgb);
        }

        var ds = SyntheticImage.Header("gen/" + name, "US", "1.2.840.10008.5.1.4.1.1.6.1", new Dictionary<string, string>
        {
            ["Manufacturer"] = "GENERATED", ["ImageType"] = "ORIGINAL\\PRIMARY", ["InstitutionName"] = institution, ["AccessionNumber"] = accession,
        });
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, $"{family}^{given}");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, id);
        ds.SetString(new DicomTag(0x0010, 0x0030), DicomVR.DA, birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, study.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        TransferSyntax syntax = TransferSyntax.ExplicitVRLittleEndian;
        if (kind == 0)
        {
            var grey = frameRgb.SelectMany(rgb => Enumerable.Range(0, Width * Height).Select(i => (byte)((rgb[3 * i] * 299 + rgb[3 * i + 1] * 587 + rgb[3 * i + 2] * 114) / 1000))).ToArray();
            SyntheticImage.SetPixels(ds, Height, Width, 1, 8, 8, false, "MONOCHROME2", grey, frames);
        }
        else if (kind == 1)
        {
            SyntheticImage.SetPixels(ds, Height, Width, 3, 8, 8, false, "RGB", frameRgb.SelectMany(b => b).ToArray(), frames);
        }
        else
        {
            var encoded = frameRgb.Select(rgb => JpegEncoder.Encode(rgb, Width, Height, JpegEncoderInput.Rgb,
                new JpegEncoderOptions { Quality = 92, Sampling = JpegChromaSampling.Horizontal })).ToList();
            SyntheticImage.SetEncapsulatedPixels(ds, Height, Width, 3, "YBR_FULL_422", encoded, Width * Height * 3, "ISO_10918_1");
            syntax = TransferSyntax.JpegBaseline;
        }

        DicomWriter.WriteFile(DicomFile.Create(ds, syntax), Path.Combine(folder, name));
        return new Sample(name, lines);
    }

    private static string Title(string s) => s[0] + s[1..].ToLowerInvariant();

    private static DrawnLine DrawLine(byte[] rgb, string text, int x, int y, int height, (byte R, byte G, byte B) c, GlyphSource.Font font, bool phi, int frame, bool colour)
    {
        var cov = GlyphSource.Render(text, font, height);
        int h = cov.GetLength(0), w = cov.GetLength(1);
        if (!colour)
        {
            byte g = (byte)((c.R * 299 + c.G * 587 + c.B * 114) / 1000);
            c = (g, g, g);
        }

        for (int dy = 0; dy < h; dy++)
        for (int dx = 0; dx < w; dx++)
        {
            int px = x + dx, py = y + dy;
            if (px < 0 || py < 0 || px >= Width || py >= Height) continue;
            float a = cov[dy, dx];
            if (a <= 0) continue;
            int i = (py * Width + px) * 3;
            rgb[i] = (byte)(rgb[i] * (1 - a) + c.R * a);
            rgb[i + 1] = (byte)(rgb[i + 1] * (1 - a) + c.G * a);
            rgb[i + 2] = (byte)(rgb[i + 2] * (1 - a) + c.B * a);
        }

        return new DrawnLine(text, new Region(x, y, x + w, y + h).ClipTo(Width, Height), phi, frame);
    }
}
