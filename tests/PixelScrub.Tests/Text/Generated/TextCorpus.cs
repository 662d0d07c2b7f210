using System.Globalization;
using PixelScrub.Codecs.Jpeg;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Samples;

namespace PixelScrub.Tests.Text.Generated;

/// <summary>
/// One line of text drawn on a frame: what it says, its ink box, the pixels its ink covers (half or more), whether it is
/// PHI, and where its value starts (after a label such as "DOB:", which is no PHI itself).
/// </summary>
internal sealed record DrawnLine(string Text, Region Box, int[] Ink, bool Phi, int Frame, Face Face, int Size, int ValueX0);

/// <summary>One generated file and every line drawn on it.</summary>
internal sealed record CorpusFile(string Name, int Width, int Height, int Frames, string Kind, List<DrawnLine> Lines);

/// <summary>
/// Generates the text corpus of issue 11's first "done means": ultrasound-like frames (a speckled sector on black)
/// with the header's own values printed in the forms scanners print (names "DOE, JANE", "JANE DOE", "DOE^JANE",
/// "DOE J", mixed case; IDs; accession; dates 01/31/1970, 31.01.1970, 1970-01-31, 1970/01/31, 31-JAN-70,
/// 31 JAN 1970; times with and without seconds; institution, physicians, operator, station) and harmless
/// annotations (acoustic output, settings, probe names, scale numbers, L/R markers). Each file draws in its own
/// faces (DejaVu Sans, Serif, Mono, bold or not; the 5x7 bitmap font; a dot matrix), sizes (10-40 px), colours and
/// layout (a band at the top, a side panel, text straight on the black background, lines over the image), grey or
/// RGB, native or JPEG Baseline; cines carry a running clock. Every choice comes from a seeded random generator.
/// </summary>
internal static class TextCorpus
{
    private const string UltrasoundImage = "1.2.840.10008.5.1.4.1.1.6.1", UltrasoundMultiFrame = "1.2.840.10008.5.1.4.1.1.3.1";

    private static readonly string[] Families = ["HARTMANN", "OKONKWO", "LINDQVIST", "MARTINEZ", "NAKAMURA", "BRENNAN", "KOWALSKI", "DUBOIS",
        "SANTOS", "ABERNATHY", "FITZGERALD", "PETROVA", "GUSTAFSSON", "MORETTI", "ADEYEMI", "VILLANUEVA"];

    private static readonly string[] Givens = ["JANE", "PETER", "AMINA", "LUIS", "SOFIA", "RAJESH", "ELENA", "TOMAS", "GRETA", "WALTER",
        "BRIDGET", "KENJI", "MARGOT", "OSWALDO"];

    private static readonly string[] Institutions = ["ACME GENERAL HOSPITAL", "ST MARY MEDICAL CENTER", "NORTHSIDE CLINIC", "RIVERVIEW HEALTH",
        "LAKESHORE IMAGING", "Bellhaven Womens Clinic", "Kingsbridge Infirmary"];

    private static readonly string[] Stations = ["ECHO-LAB-2", "USROOM3", "SONO-WEST", "OBUS-01", "RADUS4"];

    private static readonly string[] DateFormats = ["MM/dd/yyyy", "dd.MM.yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "dd-MMM-yy", "dd MMM yyyy"];

    private static readonly Func<Random, string>[] Annotations =
    [
        r => $"MI {r.Next(1, 15) / 10.0:0.0}", r => $"TIS {r.Next(1, 20) / 10.0:0.0}", r => $"TIB {r.Next(1, 30) / 10.0:0.0}",
        r => $"Gn {r.Next(30, 90)}", r => $"DR {r.Next(40, 90)}", r => $"{r.Next(8, 60)} fps", r => $"{r.Next(20, 120) / 10.0:0.0} MHz",
        r => $"{r.Next(40, 80)} dB", r => new[] { "C5-1", "L12-5", "C9-2", "S5-1", "L18-4" }[r.Next(5)], r => $"{r.Next(4, 24)} cm",
    ];

    private static readonly (byte R, byte G, byte B)[] Light =
        [(255, 255, 255), (255, 255, 0), (0, 255, 0), (0, 220, 255), (255, 170, 0), (205, 205, 205), (255, 120, 255)];

    private static readonly (byte R, byte G, byte B)[] Dark = [(20, 20, 20), (10, 30, 110), (90, 20, 20)];

    /// <summary>Frames of a cine: enough for a clock that runs and a banner read once and reused.</summary>
    private const int CineFrames = 3;

    private const int CineSeeds = 500;

    /// <summary>Writes <paramref name="singles"/> one-frame files and <paramref name="cines"/> cines under <paramref name="folder"/>.</summary>
    public static List<CorpusFile> Write(string folder, int singles, int cines, int seed)
    {
        Directory.CreateDirectory(folder);
        var files = new List<CorpusFile>();
        for (int i = 0; i < singles + cines; i++)
        {
            bool cine = i >= singles;
            // Cines draw from seeds of their own: how many single frames there are does not change them.
            var rng = new Random(seed * 1000 + (cine ? CineSeeds + i - singles : i));
            // Encodings in turn: grey native, RGB native, grey JPEG, RGB JPEG (YBR_FULL_422); cines alternate too.
            int kind = cine ? (i - singles) % 2 * 3 : i % 4;
            files.Add(WriteOne(folder, $"gen{i:00}.dcm", rng, kind, cine ? CineFrames : 1));
        }

        return files;
    }

    /// <summary>Syllables of the letter's made-up words: no English word, name, allowed annotation or PHI label.</summary>
    private static readonly string[] Syllables = ["vor", "qua", "lint", "esk", "brom", "tuv", "zel", "oph", "nid", "rax", "gul", "mef", "sarn", "wib", "dro", "kev"];

    /// <summary>
    /// A scanned-letter-like page (grey paper, dark lines of prose) whose words are made up from <see cref="Syllables"/>:
    /// text that can be read but not judged, so a file rules flag without regions is held by `--text redact`.
    /// Manufacturer "GENERATED LETTER" (the generated frames say "GENERATED"), Modality OT, a secondary capture.
    /// </summary>
    public static CorpusFile WriteLetter(string folder, string name, int seed)
    {
        const int width = 640, height = 480;
        var rng = new Random(seed);
        var paper = new byte[width * height * 3];
        Array.Fill(paper, (byte)235);
        var lines = new List<DrawnLine>();
        for (int y = 24; lines.Count < 9;)
        {
            var words = Enumerable.Range(0, rng.Next(4, 7))
                .Select(_ => string.Concat(Enumerable.Range(0, rng.Next(2, 4)).Select(_ => Syllables[rng.Next(Syllables.Length)])));
            string text = string.Join(' ', words);
            var ink = TextInk.Render(text, Face.Serif, 22);
            if (ink.GetLength(1) > width - 60) continue; // too wide: another line is drawn in its place
            lines.Add(Draw(paper, width, height, new Placement(text, ink, 30, y, (20, 20, 20), false, Face.Serif, 22), 0, colour: false));
            y += 44;
        }

        var ds = SyntheticImage.Header("gen/" + name, "OT", DemoSamples.SecondaryCapture, new Dictionary<string, string> { ["Manufacturer"] = "GENERATED LETTER" });
        SyntheticImage.SetPixels(ds, height, width, 1, 8, 8, false, "MONOCHROME2", Luminance(paper));
        DicomWriter.WriteFile(DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian), Path.Combine(folder, name));
        return new CorpusFile(name, width, height, 1, "letter", lines);
    }

    private sealed record Patient(string Family, string Given, string Id, string Accession, DateTime Birth, DateTime Study, string Institution,
        string Referring, string Operator, string Station);

    private static Patient NewPatient(Random rng)
    {
        string Pick(string[] a) => a[rng.Next(a.Length)];
        string id = rng.Next(3) switch
        {
            0 => $"{rng.Next(10, 99)}-{rng.Next(1000, 9999)}-{rng.Next(100, 999)}",
            1 => $"MRN{rng.Next(1_000_000, 9_999_999)}",
            _ => rng.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
        };
        return new Patient(Pick(Families), Pick(Givens), id, $"A{rng.Next(100000, 999999)}", new DateTime(1930, 1, 1).AddDays(rng.Next(0, 30000)),
            new DateTime(2015, 1, 1).AddDays(rng.Next(0, 3500)).AddSeconds(rng.Next(0, 86400)), Pick(Institutions),
            $"{Pick(Families)}^{Pick(Givens)}", $"{Pick(Families)}^{Pick(Givens)}", Pick(Stations));
    }

    private static string Title(string s) => string.Join(' ', s.Split(' ').Select(w => w.Length == 0 ? w : w[0] + w[1..].ToLowerInvariant()));

    /// <summary>The patient lines of one file, each in a form picked at random.</summary>
    private static List<(string Label, string Value)> PhiLines(Patient p, Random rng)
    {
        string Date(DateTime d) => d.ToString(DateFormats[rng.Next(DateFormats.Length)], CultureInfo.InvariantCulture).ToUpperInvariant();
        string Time(DateTime d) => d.ToString(rng.Next(2) == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
        string f = p.Family, g = p.Given;
        string name = rng.Next(6) switch
        {
            0 => $"{f}, {g}",
            1 => $"{g} {f}",
            2 => $"{f}^{g}",
            3 => $"{f} {g[0]}",
            4 => $"{Title(f)}, {Title(g)}",
            _ => $"{Title(g)} {Title(f)}",
        };
        var (rf, rg) = (p.Referring.Split('^')[0], p.Referring.Split('^')[1]);
        var (of, og) = (p.Operator.Split('^')[0], p.Operator.Split('^')[1]);
        var optional = new List<(string, string)>
        {
            (rng.Next(2) == 0 ? "Acc: " : "ACC# ", p.Accession),
            ("DOB: ", Date(p.Birth)),
            ("", rng.Next(2) == 0 ? p.Institution : Title(p.Institution)),
            rng.Next(2) == 0 ? ("Ref: Dr. ", Title(rf)) : ("REF DR ", $"{rg} {rf}"),
            rng.Next(2) == 0 ? ("Sonographer: ", $"{Title(og)} {Title(of)}") : ("OP ", of),
            ("", p.Station),
        };
        var lines = new List<(string, string)>
        {
            (new[] { "Name: ", "Patient: ", "" }[rng.Next(3)], name),
            (new[] { "ID: ", "PID ", "" }[rng.Next(3)], p.Id),
            ("", $"{Date(p.Study)} {Time(p.Study)}"),
        };
        lines.AddRange(optional.OrderBy(_ => rng.Next()).Take(rng.Next(2, optional.Count + 1)));
        return lines;
    }

    private sealed record Placement(string Text, float[,] Ink, int X, int Y, (byte R, byte G, byte B) Colour, bool Phi, Face Face, int Size)
    {
        /// <summary>Width of the label's ink before the value (0: no label).</summary>
        public int LabelWidth { get; init; }
    }

    private static CorpusFile WriteOne(string folder, string name, Random rng, int kind, int frames)
    {
        const int width = 640, height = 480;
        var p = NewPatient(rng);
        bool colour = kind is 1 or 3;
        var occupied = new List<Region>();
        var placements = new List<Placement>();
        Face RandomFace() => (Face)rng.Next(Enum.GetValues<Face>().Length);
        (byte, byte, byte) LightColour() => Light[rng.Next(Light.Length)];

        // Layout: a band across the top, a panel on the left, or text straight on the black background.
        int layout = rng.Next(3);
        var bandColour = rng.Next(4) switch { 0 => ((byte)0, (byte)0, (byte)0), 1 => ((byte)30, (byte)30, (byte)80), 2 => ((byte)70, (byte)70, (byte)70), _ => ((byte)215, (byte)215, (byte)200) };
        bool lightBand = bandColour.Item1 > 128;
        Face phiFace = RandomFace();
        int phiSize = PhiSize(rng, phiFace);
        var phi = PhiLines(p, rng);
        Region band = layout switch
        {
            0 => new Region(0, 0, width, 0), // grown to fit below
            1 => new Region(0, 0, 210, height),
            _ => new Region(0, 0, 0, 0),
        };

        // The sector's apex and extent: below the band, right of the panel.
        int apexX = layout == 1 ? 425 : width / 2;
        int top = 0, x = 8, y = 6, rowH = 0;
        foreach (var (label, value) in phi)
        {
            string text = label + value;
            var ink = TextInk.Render(text, phiFace, phiSize);
            int labelWidth = label.Length == 0 ? 0 : TextInk.Render(label.TrimEnd(), phiFace, phiSize).GetLength(1);
            int w = ink.GetLength(1), h = ink.GetLength(0);
            var inkColour = lightBand && layout != 2 ? Dark[rng.Next(Dark.Length)] : LightColour();
            if (layout == 1)
            {
                if (w > band.Width - 12 || y + h > height - 6) continue; // a line too wide for the panel is not drawn
                Place(text, ink, 6, y, inkColour, true, phiFace, phiSize, labelWidth);
                y += h + Math.Max(6, h / 2);
                continue;
            }

            if (x + w > width - 8)
            {
                x = 8;
                y += rowH + Math.Max(6, rowH / 2);
                rowH = 0;
            }

            if (x + w > width - 8) continue;
            if (layout == 2 && y + h > 90) break; // straight on the background: only above the sector
            if (y + h > height * 2 / 5) break; // a band leaves most of the frame to the image
            Place(text, ink, x, y, inkColour, true, phiFace, phiSize, labelWidth);
            x += w + Math.Max(24, 2 * h);
            rowH = Math.Max(rowH, h);
        }

        if (layout == 0)
        {
            band = new Region(0, 0, width, y + rowH + 8);
            top = band.Y1;
        }
        else if (layout == 2) top = y + rowH + 10;

        // One more PHI line over the image (a date and time, or the ID) in another face, up to 40 px.
        {
            Face face = RandomFace();
            int size = PhiSize(rng, face);
            string text = rng.Next(2) == 0 ? $"{p.Study.ToString(DateFormats[rng.Next(DateFormats.Length)], CultureInfo.InvariantCulture).ToUpperInvariant()}" : p.Id;
            var ink = TextInk.Render(text, face, size);
            TryPlace(text, ink, Math.Max(band.X1, apexX - 200), Math.Max(top + 140, height / 2), Math.Min(width - 8, apexX + 200), height - 8, LightColour(), true, face, size);
        }

        // Harmless annotations: settings and probe on the right, scale numbers by the sector, L/R markers.
        Face noteFace = RandomFace();
        foreach (var make in Annotations.OrderBy(_ => rng.Next()).Take(rng.Next(4, 8)))
        {
            string text = make(rng);
            int size = NoteSize(rng, noteFace);
            var ink = TextInk.Render(text, noteFace, size);
            TryPlace(text, ink, Math.Max(band.X1, apexX + 120), top + 8, width - 6, height - 6, LightColour(), false, noteFace, size);
        }

        int scaleSize = NoteSize(rng, noteFace);
        for (int cm = 0, step = rng.Next(2) == 0 ? 5 : 2; cm <= 20; cm += step)
        {
            var ink = TextInk.Render(cm.ToString(CultureInfo.InvariantCulture), noteFace, scaleSize);
            int sy = top + 20 + cm * (height - top - 60) / 20;
            TryPlace(cm.ToString(CultureInfo.InvariantCulture), ink, Math.Max(band.X1 + 4, apexX - 260), sy, Math.Max(band.X1 + 50, apexX - 215), sy + ink.GetLength(0) + 2, LightColour(), false, noteFace, scaleSize);
        }

        foreach (var marker in new[] { "L", "R" }.Take(rng.Next(1, 3)))
        {
            int size = rng.Next(14, 30);
            var ink = TextInk.Render(marker, noteFace, size);
            TryPlace(marker, ink, Math.Max(band.X1, apexX - 200), top + 4, apexX + 200, top + 70, LightColour(), false, noteFace, size);
        }

        // Frames: the band or panel, the speckled sector, the text; a cine's clock runs.
        var lines = new List<DrawnLine>();
        var pixels = new List<byte[]>();
        Face clockFace = rng.Next(2) == 0 ? Face.DotMatrix : RandomFace();
        int clockSize = PhiSize(rng, clockFace);
        var clockAt = (X: Math.Min(width - 160, apexX + 130), Y: height - 60);
        for (int f = 0; f < frames; f++)
        {
            var rgb = Background(width, height, band, bandColour, apexX, top, rng.Next(), f);
            foreach (var pl in placements) lines.Add(Draw(rgb, width, height, pl, f, colour));
            if (frames > 1)
            {
                string clock = p.Study.AddSeconds(f).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var ink = TextInk.Render(clock, clockFace, clockSize);
                lines.Add(Draw(rgb, width, height, new Placement(clock, ink, clockAt.X, clockAt.Y, (255, 255, 255), true, clockFace, clockSize), f, colour));
            }

            pixels.Add(rgb);
        }

        Save(folder, name, p, kind, width, height, pixels);
        string what = (kind is 2 or 3 ? "JPEG " : "native ") + (colour ? "RGB" : "grey") + (frames > 1 ? $" cine x{frames}" : "");
        return new CorpusFile(name, width, height, frames, what, lines);

        void Place(string text, float[,] ink, int px, int py, (byte, byte, byte) c, bool isPhi, Face face, int size, int labelWidth = 0)
        {
            placements.Add(new Placement(text, ink, px, py, c, isPhi, face, size) { LabelWidth = labelWidth });
            occupied.Add(Padded(new Region(px, py, px + ink.GetLength(1), py + ink.GetLength(0))));
        }

        // A place inside [x0, x1) x [y0, y1) clear of every line drawn so far (their boxes padded); none: not drawn.
        void TryPlace(string text, float[,] ink, int x0, int y0, int x1, int y1, (byte, byte, byte) c, bool isPhi, Face face, int size)
        {
            int w = ink.GetLength(1), h = ink.GetLength(0);
            for (int attempt = 0; attempt < 60; attempt++)
            {
                if (x1 - w <= x0 || y1 - h <= y0) return;
                int px = rng.Next(x0, x1 - w), py = rng.Next(y0, y1 - h);
                var box = Padded(new Region(px, py, px + w, py + h));
                if (occupied.Any(o => o.Intersects(box))) continue;
                Place(text, ink, px, py, c, isPhi, face, size);
                return;
            }
        }
    }

    private static Region Padded(Region r) => new(r.X0 - 12, r.Y0 - 12, r.X1 + 12, r.Y1 + 12);

    /// <summary>Patient text from 10 to 40 px (bitmap faces at whole multiples of their 7-row glyphs).</summary>
    private static int PhiSize(Random rng, Face face) => TextInk.IsOutline(face) ? rng.Next(10, 41) : 7 * rng.Next(2, 6);

    /// <summary>Annotations are small: 10 to 20 px.</summary>
    private static int NoteSize(Random rng, Face face) => TextInk.IsOutline(face) ? rng.Next(10, 21) : 7 * rng.Next(2, 3);

    /// <summary>Black, the band or panel, and a speckled sector whose texture moves from frame to frame.</summary>
    private static byte[] Background(int width, int height, Region band, (byte R, byte G, byte B) bandColour, int apexX, int top, int seed, int frame)
    {
        var rgb = new byte[width * height * 3];
        var rng = new Random(seed);
        // Speckle: noise on a half-resolution grid, interpolated (blobs of a few pixels, as in real B-mode images).
        int gw = width / 2 + 2, gh = height / 2 + 2;
        var noise = new double[gw * gh];
        for (int i = 0; i < noise.Length; i++) noise[i] = rng.NextDouble();
        double radius = height - top - 12;
        for (int py = 0; py < height; py++)
        for (int px = 0; px < width; px++)
        {
            int i = (py * width + px) * 3;
            if (px >= band.X0 && px < band.X1 && py >= band.Y0 && py < band.Y1)
            {
                (rgb[i], rgb[i + 1], rgb[i + 2]) = bandColour;
                continue;
            }

            double dx = px - apexX, dy = py - top, r = Math.Sqrt(dx * dx + dy * dy);
            if (dy <= 0 || Math.Abs(Math.Atan2(dx, dy)) > 0.7 || r > radius) continue;
            double gx = px / 2.0, gy = py / 2.0;
            int ix = (int)gx, iy = (int)gy;
            double fx = gx - ix, fy = gy - iy;
            double n = (noise[iy * gw + ix] * (1 - fx) + noise[iy * gw + ix + 1] * fx) * (1 - fy) + (noise[(iy + 1) * gw + ix] * (1 - fx) + noise[(iy + 1) * gw + ix + 1] * fx) * fy;
            byte v = (byte)Math.Clamp(45 + 35 * Math.Sin(r / 17.0 + frame * 0.5) + 110 * n * n, 0, 255);
            rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
        }

        return rgb;
    }

    private static DrawnLine Draw(byte[] rgb, int width, int height, Placement p, int frame, bool colour)
    {
        var (r, g, b) = p.Colour;
        if (!colour) r = g = b = (byte)((r * 299 + g * 587 + b * 114) / 1000);
        int h = p.Ink.GetLength(0), w = p.Ink.GetLength(1);
        var ink = new List<int>();
        for (int dy = 0; dy < h; dy++)
        for (int dx = 0; dx < w; dx++)
        {
            int px = p.X + dx, py = p.Y + dy;
            float a = p.Ink[dy, dx];
            if (a <= 0 || px < 0 || py < 0 || px >= width || py >= height) continue;
            int i = (py * width + px) * 3;
            rgb[i] = (byte)Math.Round(rgb[i] * (1 - a) + r * a);
            rgb[i + 1] = (byte)Math.Round(rgb[i + 1] * (1 - a) + g * a);
            rgb[i + 2] = (byte)Math.Round(rgb[i + 2] * (1 - a) + b * a);
            if (a >= 0.5f) ink.Add(py * width + px);
        }

        return new DrawnLine(p.Text, new Region(p.X, p.Y, p.X + w, p.Y + h).ClipTo(width, height), ink.ToArray(), p.Phi, frame, p.Face, p.Size,
            p.X + p.LabelWidth + (p.LabelWidth > 0 ? 1 : 0));
    }

    private static void Save(string folder, string name, Patient p, int kind, int width, int height, List<byte[]> frames)
    {
        var inv = CultureInfo.InvariantCulture;
        bool cine = frames.Count > 1;
        var ds = SyntheticImage.Header("gen/" + name, "US", cine ? UltrasoundMultiFrame : UltrasoundImage, new Dictionary<string, string>
        {
            ["Manufacturer"] = "GENERATED", ["ImageType"] = "ORIGINAL\\PRIMARY", ["InstitutionName"] = p.Institution,
            ["AccessionNumber"] = p.Accession, ["StudyTime"] = p.Study.ToString("HHmmss", inv), ["ReferringPhysicianName"] = p.Referring,
            ["OperatorsName"] = p.Operator, ["PerformingPhysicianName"] = p.Operator, ["StationName"] = p.Station,
        });
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, $"{p.Family}^{p.Given}");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, p.Id);
        ds.SetString(new DicomTag(0x0010, 0x0030), DicomVR.DA, p.Birth.ToString("yyyyMMdd", inv));
        ds.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, p.Study.ToString("yyyyMMdd", inv));
        if (cine)
        {
            ds.SetString(new DicomTag(0x0018, 0x1063), DicomVR.DS, "1000");
            // Frame Increment Pointer -> Frame Time (0018,1063)
            ds.Set(new DicomElement(new DicomTag(0x0028, 0x0009), DicomVR.AT, ElementValue.FromBytes(new byte[] { 0x18, 0x00, 0x63, 0x10 })));
        }

        bool colour = kind is 1 or 3;
        var samples = colour ? frames : frames.Select(Luminance).ToList();
        var syntax = TransferSyntax.ExplicitVRLittleEndian;
        if (kind is 0 or 1)
        {
            SyntheticImage.SetPixels(ds, height, width, colour ? 3 : 1, 8, 8, false, colour ? "RGB" : "MONOCHROME2", samples.SelectMany(s => s).ToArray(), frames.Count);
        }
        else
        {
            var options = new JpegEncoderOptions { Quality = 92, Sampling = JpegChromaSampling.Horizontal };
            var encoded = samples.Select(s => JpegEncoder.Encode(s, width, height, colour ? JpegEncoderInput.Rgb : JpegEncoderInput.Gray, options)).ToList();
            SyntheticImage.SetEncapsulatedPixels(ds, height, width, colour ? 3 : 1, colour ? "YBR_FULL_422" : "MONOCHROME2", encoded,
                (long)width * height * (colour ? 3 : 1), "ISO_10918_1");
            syntax = TransferSyntax.JpegBaseline;
        }

        DicomWriter.WriteFile(DicomFile.Create(ds, syntax), Path.Combine(folder, name));
    }

    private static byte[] Luminance(byte[] rgb)
    {
        var grey = new byte[rgb.Length / 3];
        for (int i = 0; i < grey.Length; i++) grey[i] = (byte)((rgb[3 * i] * 299 + rgb[3 * i + 1] * 587 + rgb[3 * i + 2] * 114) / 1000);
        return grey;
    }
}
