using System.Buffers.Binary;
using PixelScrub.Dicom;
using PixelScrub.Imaging;
using PixelScrub.Masks;
using PixelScrub.Text.Ocr;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text;

/// <summary>
/// Reads the text in a file's pixels: every frame is rendered by the display pipeline (VOI window, palette; colour as
/// its brightest channel), the proposer finds candidate lines, and OCR reads each candidate as a single line, except
/// those the <see cref="SpeckleFilter"/> shows cannot be text, slices across a line (<see cref="SliceFilter"/>) and blocks
/// whose marks all lie in lines read on their own (<see cref="BlockFilter"/>). A line image identical to one already read in this run
/// (a cine's static banner, an exam's patient band: see <see cref="OcrCache"/>) reuses that reading; what it means is
/// still judged against this file's header. A doubtful line whose text has a value of its own is also read from the
/// pixels of that value (<see cref="LineImage.Rendering.ByValue"/>) over the whole line they show (<see cref="ValueExtent"/>),
/// and a line judged PHI is grown to where its value reaches. An RGB frame holding colour is read again from its chroma
/// (<see cref="ColourPlane"/>) where the frame's reading did not already have the line. Overlay planes
/// (60xx,3000, and overlays in unused high bits of the pixel data) are read as images too.
/// Not thread-safe (it holds one OCR reader); one scanner per worker.
/// </summary>
internal sealed class TextScanner(IOcrReader reader, IFrameDecoder decoder)
{
    /// <summary>
    /// Words with no letter or digit are noise; short words below this confidence (0..100) are dropped. A long word stays
    /// whatever its confidence: Tesseract gives text over speckle or in a pixel font a confidence near 0 even when it
    /// reads the ID in it ("“oIMRN4206744"), and the judge's edit budget takes the stray characters.
    /// </summary>
    public const float MinConfidence = 20;

    /// <summary>Words with at least this many letters and digits are judged whatever their confidence.</summary>
    private const int LowConfidenceKept = 5;

    /// <param name="cache">readings by line image, shared by the reads of a run (a cine's frames, detect then verify, the
    /// files of an exam); null: a fresh one for this file</param>
    /// <param name="judge">the judge of the file's lines, which spares second reads of annotations read well enough; null:
    /// every doubtful reading is read again</param>
    public TextScanResult Scan(DicomFile file, OcrCache? cache = null, Func<IReadOnlyList<TextLine>, IReadOnlyList<TextFinding>>? judge = null)
    {
        file.ReadRemainder();
        var image = DicomImage.FromFile(file);
        var lines = new List<TextLine>();
        var notes = new List<string>();
        cache ??= new OcrCache();
        int read = 0, reused = 0;
        for (int f = 0; f < image.FrameCount; f++)
        {
            var rendered = image.Render(f, decoder: decoder);
            var grey = GreyImage.From(rendered);
            int first = lines.Count;
            ReadImage(grey, f, TextSource.Pixels, 0, cache, judge, lines, ref read, ref reused);
            // Coloured text over a grey image is read again from the frame's chroma, where only colour shows.
            if (ColourPlane.Of(rendered) is { } colour)
            {
                var frameLines = lines.GetRange(first, lines.Count - first);
                ReadImage(colour, f, TextSource.Pixels, 0, cache, judge, lines, ref read, ref reused,
                    keep: c => c.BrightText && !ColourPlane.ReadAlready(c.Box, frameLines), overImage: true);
            }
        }

        foreach (var overlay in Overlays(file, image))
        {
            try
            {
                ReadImage(overlay.Image, overlay.Frame, TextSource.Overlay, overlay.Group, cache, judge, lines, ref read, ref reused, overlay.OffsetX, overlay.OffsetY);
            }
            catch (PixelScrubException e)
            {
                notes.Add($"overlay {overlay.Group:X4} not read: {e.Message}");
            }
        }

        return new TextScanResult(lines, image.FrameCount, read, reused, notes);
    }

    private void ReadImage(GreyImage grey, int frame, TextSource source, ushort group, OcrCache cache,
        Func<IReadOnlyList<TextLine>, IReadOnlyList<TextFinding>>? judge, List<TextLine> lines, ref int read, ref int reused,
        int offsetX = 0, int offsetY = 0, Func<TextCandidate, bool>? keep = null, bool overImage = false)
    {
        var candidates = TextProposer.Propose(grey);
        // Overlays are read in their own polarity; a slice across a line of the frame is not read (SliceFilter).
        candidates = source == TextSource.Overlay
            ? candidates.Where(c => c.BrightText).ToList()
            : SliceFilter.Keep(grey, candidates);
        if (keep is not null) candidates = candidates.Where(keep).ToList();
        if (overImage) candidates = candidates.Select(c => c with { OverImage = true }).ToList();
        // Each crop's ink share and speckle verdict are taken once, in PrepareFirst or below (a pass over its pixels each).
        // A candidate made from the same frame pixels as one prepared before in this run (a cine's unchanged line, the
        // lines redaction left as they were when the output is verified, an exam's patient band) takes that one's outcome
        // and image key unprepared (OcrCache.TryGetPrepared): its image is made only if it still has to be read.
        int count = candidates.Count;
        var crops = new LineImage?[count];
        var keys = new CropKey[count];
        var ink = new double?[count];
        var speckle = new bool?[count];
        for (int i = 0; i < count; i++)
        {
            var from = (LineImage.SourceKey(grey, candidates[i], First(candidates[i])), source);
            if (cache.TryGetPrepared(from, out var done))
            {
                if (done.Turned) candidates[i] = candidates[i] with { BrightText = !candidates[i].BrightText };
                keys[i] = done.Key;
                continue;
            }

            var line = PrepareFirst(grey, candidates[i], source);
            (candidates[i], crops[i], ink[i], speckle[i]) = (line.Candidate, line.Crop, line.Ink, line.Speckle);
            keys[i] = CropKey.Of(line.Crop.Image, First(line.Candidate), firstRead: true, tryInverted: TryInverted(line.Candidate, line.Ink));
            cache.AddPrepared(from, new PreparedCrop(keys[i], line.Turned));
        }

        LineImage Crop(int i) => crops[i] ??= LineImage.From(grey, candidates[i], First(candidates[i]));
        // A reading kept for the image says whether it was speckle without making the image.
        bool Speckle(int i) => speckle[i] ??= cache.TryGet(keys[i], out var known) ? known.IsSpeckle
            : ink[i] is { } share ? SpeckleFilter.IsSpeckle(Crop(i).Image, LineImage.Border, share)
            : SpeckleFilter.IsSpeckle(Crop(i).Image, LineImage.Border);

        // Blocks whose every mark lies in a line read on its own are not read (BlockFilter). Nor kept in the cache: that
        // depends on the frame's other candidates, not on the block's pixels alone.
        var covered = BlockFilter.Covered(grey, candidates, Crop, Speckle);
        var reading = Enumerable.Range(0, count).Where(i => !covered[i]).ToArray();

        // First reads, each distinct line image once: from the run's cache when any file had these pixels, else dropped
        // unread as speckle, else read. Reused (in this file or another) counts as reused; dropped and blocks left unread
        // count as neither.
        var firsts = Readings(reading.Select(i => keys[i]).ToList(), k => Crop(reading[k]).Image, k => Speckle(reading[k]), frame, cache,
            out int fresh, out int dropped);
        read += fresh;
        reused += reading.Length - fresh - dropped;
        var words = Enumerable.Range(0, count).Select(i => covered[i] ? [] : firsts[keys[i]].Words).ToArray();

        // A doubtful reading of a word or more (dot-matrix glyphs, a pixel font, text over speckle) gets a second read
        // of the crop prepared the other way; the more confident reading stands. The crop's geometry is the same, so word boxes map back alike.
        // Blobs narrower than that (speckle, a marker) are not read twice: they are most of the candidates over an image.
        // The second read is of the same polarity, which the first read's inverted try already settled: Tesseract
        // does not try it inverted again (a doubtful line is below Tesseract's invert threshold too, so that try
        // would be a fourth pass of the recogniser on it). A reused first reading is weighed the same way (the judge sees
        // this file's header), and the second read is reused only when its own pixels match.
        // A line whose reading by value was taken is placed by the box that layer was read over (grown along its row, see
        // ValueExtent). Taken for the PHI it reads, it is boxed by its words, each drawn in to its value's pixels (Tesseract's
        // word boxes in a layer take in the grain joined to them), and over the image by the candidate's box as well; else
        // by the candidate's box and its words, as any line.
        var readOver = new ValueRead?[count];
        TextLine? LineAt(int i, ValueRead? over, IReadOnlyList<OcrWord> read) =>
            ToLine(LinePlacement.Of(grey, over?.Over ?? candidates[i].Box), candidates[i], read, frame, source, group, offsetX, offsetY,
                over is { WordsBy: { } value } how ? box => ValueExtent.Tighten(grey, box.Intersect(how.Over), value.Value, value.Tolerance) : null);
        TextLine? LineOf(int i, IReadOnlyList<OcrWord> read) => LineAt(i, readOver[i], read);
        var doubtful = Enumerable.Range(0, count)
            .Where(i => !covered[i] && !firsts[keys[i]].IsSpeckle && Score(words[i]) < SecondReadBelow && candidates[i].Box.Width >= 2 * candidates[i].Box.Height).ToList();
        // A doubtful line whose crop has an ink value of its own is also read by that value alone (ByValue), settled or
        // not: junk read from speckle is often all digits, which the allow-list takes. Which side's value is the line's:
        // LineValue.
        var byValueLines = doubtful.ToList();
        if (judge is not null) doubtful = Unsettled(doubtful, i => LineOf(i, words[i]), i => Score(words[i]), judge);
        if (doubtful.Count > 0 || byValueLines.Count > 0)
        {
            var images = doubtful.Select(i => LineImage.From(grey, candidates[i], Second(candidates[i])).Image).ToList();
            var secondKeys = doubtful.Select((i, d) => CropKey.Of(images[d], Second(candidates[i]), firstRead: false, tryInverted: false)).ToList();
            // The value layer is read over the whole line the value's pixels show (ValueExtent), not only the candidate.
            var byValue = new List<LayerRead>();
            foreach (int i in byValueLines)
            {
                var taken = LineValue(grey, candidates[i]);
                if (taken is not { } value) continue;
                var grown = ValueExtent.Grow(grey, candidates[i].Box, value.Value, value.Tolerance);
                if (LineImage.ByValue(grey, candidates[i] with { Box = grown }, value) is not { } layer) continue;
                images.Add(layer.Image);
                byValue.Add(new LayerRead(i, grown, value, CropKey.Of(layer.Image, LineImage.Rendering.ByValue, firstRead: false, tryInverted: false)));
            }

            // One batch: the second reads' images, then the value layers', in the order of their keys.
            var seconds = Readings(secondKeys.Concat(byValue.Select(b => b.Key)).ToList(), d => images[d], _ => false, frame, cache, out _, out _);
            for (int d = 0; d < doubtful.Count; d++)
            {
                var again = seconds[secondKeys[d]].Words;
                if (Score(again) > Score(words[doubtful[d]])) words[doubtful[d]] = again;
            }

            TakeByValue(byValue, b => seconds[b.Key].Words, i => candidates[i].OverImage, words, readOver, LineOf, LineAt, judge);
        }

        var made = new List<TextLine>();
        for (int i = 0; i < count; i++)
        {
            if (LineOf(i, words[i]) is { } line) made.Add(line);
        }

        lines.AddRange(judge is null ? made : ReachOfPhi(grey, made, judge, offsetX, offsetY));
    }

    /// <summary>
    /// Lines judged PHI with their boxes grown to where their ink value's pixels reach along the row (<see cref="ValueExtent"/>):
    /// a candidate box can stop short of a line's first or last glyph, which a reading of the rest still finds PHI, and
    /// redaction of that box would leave the glyph. Lines not judged PHI are as read.
    /// </summary>
    private static IEnumerable<TextLine> ReachOfPhi(GreyImage grey, List<TextLine> made, Func<IReadOnlyList<TextLine>, IReadOnlyList<TextFinding>> judge,
        int offsetX, int offsetY)
    {
        if (made.Count == 0) return made;
        var findings = judge(made);
        return made.Select((line, k) =>
        {
            if (!findings[k].IsPhi) return line;
            var box = Shift(line.Box, -offsetX, -offsetY).ClipTo(grey.Width, grey.Height);
            if (box.Width <= 0 || box.Height <= 0) return line;
            var (bright, dark) = LineImage.InkValues(grey, new TextCandidate(box, BrightText: true, Density: 0, line.OverImage));
            if ((bright ?? dark) is not { } value) return line;
            var grown = ValueExtent.Grow(grey, box, value.Value, value.Tolerance);
            return line with { Box = line.Box.Union(Shift(grown, offsetX, offsetY)) };
        });
    }

    /// <summary>
    /// The ink value a doubtful line is read by (<see cref="LineImage.Rendering.ByValue"/>): its own side's
    /// (<see cref="LineImage.InkValues"/>), or the other side's where that is the line's. Over speckle the proposer also finds pieces
    /// of a line in the wrong polarity (mid-grey text, darker grain beside it): a candidate not over the image takes the
    /// other side's value when it has none on its own or the other is narrower (a value drawn in one level against a few
    /// levels of grain that happen to peak in a small crop). And a value lying in runs longer than a glyph (the black
    /// around the sector under a line at its edge, taken for the ink of dark text) is the background, not ink: the other
    /// side's value, when it is not flat too, is the line's.
    /// </summary>
    internal static (int Value, int Tolerance)? LineValue(GreyImage grey, TextCandidate candidate)
    {
        var (own, other) = LineImage.InkValues(grey, candidate);
        if (other is not { } o) return own;
        if (own is not { } m) return candidate.OverImage ? null : other;
        if (!candidate.OverImage && o.Tolerance < m.Tolerance) return other;
        return ValueExtent.IsFlat(grey, candidate.Box, m.Value, m.Tolerance) && !ValueExtent.IsFlat(grey, candidate.Box, o.Value, o.Tolerance)
            ? other : own;
    }

    /// <summary>Text over image content is read binarized first (the grain gone), other text grey.</summary>
    private static LineImage.Rendering First(TextCandidate c) => c.OverImage ? LineImage.Rendering.Binarized : LineImage.Rendering.Smooth;

    /// <summary>The second read of a doubtful line is of the crop prepared the other way.</summary>
    private static LineImage.Rendering Second(TextCandidate c) => c.OverImage ? LineImage.Rendering.Smooth : LineImage.Rendering.Binarized;

    /// <summary>
    /// A candidate's line image for its first read, as the scanner prepares it. A prepared image that is mostly dark
    /// (<see cref="PolarityWrongFrom"/>) shows the text light on dark: the proposer's polarity was wrong (a large box
    /// around a light band). Tesseract would read it, find it doubtful and read it inverted (two recogniser passes, the
    /// inverted one winning on every such line of the corpus ultrasounds); the other polarity is prepared and read
    /// instead (<see cref="FirstLine.Turned"/>). Not a strip of speckle: mostly dark too, it is left as it is for the
    /// speckle filter (its verdict, taken here, is <see cref="FirstLine.Speckle"/>; null where not taken). Over the
    /// image, the polarity is judged on the smooth image instead (<see cref="PolarityWrongOverImageFrom"/>). Overlays
    /// keep their polarity.
    /// </summary>
    internal static FirstLine PrepareFirst(GreyImage grey, TextCandidate candidate, TextSource source)
    {
        var crop = LineImage.From(grey, candidate, First(candidate));
        double ink = crop.Image.InkShare(LineImage.Border);
        if (source == TextSource.Overlay) return new FirstLine(candidate, crop, ink, null, false);
        // Over the image the first image is binarized halfway between the ink and the median, so it is seldom mostly dark
        // in either polarity; the smooth image shows which (light text over speckle taken as dark text: mostly dark).
        var (dark, wrongFrom) = candidate.OverImage
            ? (LineImage.From(grey, candidate, LineImage.Rendering.Smooth).Image.InkShare(LineImage.Border), PolarityWrongOverImageFrom)
            : (ink, PolarityWrongFrom);
        if (dark < wrongFrom) return new FirstLine(candidate, crop, ink, null, false);
        if (SpeckleFilter.IsSpeckle(crop.Image, LineImage.Border, ink)) return new FirstLine(candidate, crop, ink, true, false);
        var turned = candidate with { BrightText = !candidate.BrightText };
        crop = LineImage.From(grey, turned, First(turned));
        return new FirstLine(turned, crop, crop.Image.InkShare(LineImage.Border), null, true);
    }

    /// <summary>What <see cref="PrepareFirst"/> made: the candidate (its polarity turned or not), its image and ink share.</summary>
    internal readonly record struct FirstLine(TextCandidate Candidate, LineImage Crop, double Ink, bool? Speckle, bool Turned);

    /// <summary>
    /// The reading of each distinct key: the cache's, else <see cref="OcrReading.Speckle"/> where <paramref name="speckle"/>
    /// says so, else read (in one request per inverted-try setting) and kept in the cache.
    /// </summary>
    /// <param name="read">how many were read</param>
    /// <param name="dropped">how many were dropped as speckle</param>
    private Dictionary<CropKey, OcrReading> Readings(IReadOnlyList<CropKey> keys, Func<int, OcrImage> image, Func<int, bool> speckle, int frame,
        OcrCache cache, out int read, out int dropped)
    {
        var readings = new Dictionary<CropKey, OcrReading>();
        var todo = new List<int>();
        var seen = new HashSet<CropKey>();
        dropped = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            if (!seen.Add(keys[i])) continue;
            if (cache.TryGet(keys[i], out var cached))
            {
                readings[keys[i]] = cached;
            }
            else if (speckle(i))
            {
                cache.Add(keys[i], readings[keys[i]] = OcrReading.Speckle);
                dropped++;
            }
            else
            {
                todo.Add(i);
            }
        }

        foreach (bool inverted in new[] { false, true })
        {
            var batch = todo.Where(i => keys[i].TryInverted == inverted).ToList();
            var words = reader.Read(batch.Select(image).ToList(), frame, inverted);
            for (int k = 0; k < batch.Count; k++) cache.Add(keys[batch[k]], readings[keys[batch[k]]] = new OcrReading(words[k]));
        }

        read = todo.Count;
        return readings;
    }

    /// <summary>
    /// Whether a first read has Tesseract try a doubtful line inverted too (a second pass of the recogniser), which a candidate
    /// needs when the proposer's polarity was wrong: a light band whose text is dark, read as light text on dark. Where
    /// the prepared image is mostly background (<see cref="PolarityKnownBelow"/>), its polarity is right, and that try is
    /// left out. Measured on the line images of the corpus ultrasounds: the inverted reading beat the upright one only on
    /// images with 32% or more dark pixels. Text over image content keeps the try whatever its ink: the binarized crop of
    /// a dot-matrix line over a JPEG image is read only inverted (generated corpus). Ink: the prepared image's
    /// <see cref="OcrImage.InkShare"/>.
    /// </summary>
    internal static bool TryInverted(TextCandidate candidate, double ink) => candidate.OverImage || ink >= PolarityKnownBelow;

    /// <summary>Share of dark pixels (see <see cref="OcrImage.InkShare"/>) below which a first read is not tried inverted.</summary>
    public const double PolarityKnownBelow = 0.3;

    /// <summary>Share of dark pixels from which a candidate's polarity is taken as wrong and the other one read.</summary>
    public const double PolarityWrongFrom = 0.7;

    /// <summary>
    /// The same over the image, on the smooth image: more than half of it dark is a dark background (speckle darker than
    /// the text): large bold text covers a third of its crop, so the share of the band rule is out of its reach.
    /// </summary>
    public const double PolarityWrongOverImageFrom = 0.5;

    /// <summary>
    /// The doubtful readings a second read could still change: one the judge finds allowed (every word on the
    /// allow-list) with a score of at least <see cref="SettledAllowedFrom"/> is an annotation read well enough to keep.
    /// Readings judged PHI are read again: a first reading of an annotation can match a header value by mistake, and
    /// the second read clears it (sparing those cost the generated corpus 6 of its 248 kept annotations).
    /// </summary>
    private static List<int> Unsettled(List<int> doubtful, Func<int, TextLine?> line, Func<int, float> score,
        Func<IReadOnlyList<TextLine>, IReadOnlyList<TextFinding>> judge)
    {
        var judged = doubtful.Where(k => score(k) >= SettledAllowedFrom).Select(k => (K: k, Line: line(k))).Where(x => x.Line is not null).ToList();
        if (judged.Count == 0) return doubtful;
        var findings = judge(judged.Select(x => x.Line!).ToList());
        var settled = judged.Where((_, j) => findings[j].Verdict.Kind == TextVerdictKind.Allowed && !findings[j].Unreadable).Select(x => x.K).ToHashSet();
        return doubtful.Where(k => !settled.Contains(k)).ToList();
    }

    /// <summary>
    /// Where a line's reading by its ink value (<see cref="LineImage.Rendering.ByValue"/>) replaces the one chosen from
    /// the other reads: where it is judged PHI and that one is not (each rendering fails on some text over an image: the
    /// value layer loses dot-matrix glyphs, which are dots of the value with blended pixels between them; the
    /// binarized and smooth crops keep the grain of the speckle, which Tesseract reads as junk; a line is PHI when any
    /// of them reads PHI in it), and over the image where the others read nothing that counts. Without a judge, where it
    /// scores higher.
    /// </summary>
    /// <param name="read">what a layer read: its words</param>
    /// <param name="readOver">set for each line whose reading was replaced: how that reading was made</param>
    private static void TakeByValue(List<LayerRead> byValue, Func<LayerRead, IReadOnlyList<OcrWord>> read, Func<int, bool> overImage,
        IReadOnlyList<OcrWord>[] words, ValueRead?[] readOver,
        Func<int, IReadOnlyList<OcrWord>, TextLine?> line, Func<int, ValueRead?, IReadOnlyList<OcrWord>, TextLine?> at,
        Func<IReadOnlyList<TextLine>, IReadOnlyList<TextFinding>>? judge)
    {
        if (judge is null)
        {
            foreach (var b in byValue)
            {
                if (Score(read(b)) <= Score(words[b.Line])) continue;
                words[b.Line] = read(b);
                readOver[b.Line] = new ValueRead(b.Over, null);
            }

            return;
        }

        var pairs = new List<(LayerRead Read, TextLine? Chosen, TextLine Layer)>();
        foreach (var b in byValue)
        {
            if (at(b.Line, new ValueRead(b.Over, null), read(b)) is { } layer) pairs.Add((b, line(b.Line, words[b.Line]), layer));
        }

        if (pairs.Count == 0) return;
        var judged = pairs.SelectMany(p => p.Chosen is { } chosen ? new[] { p.Layer, chosen } : [p.Layer]).ToList();
        var findings = judge(judged);
        int f = 0;
        foreach (var (b, chosen, _) in pairs)
        {
            bool layerPhi = findings[f++].IsPhi;
            bool chosenPhi = chosen is not null && findings[f++].IsPhi;
            // Taken where it reads PHI and the chosen reading does not, or over the image where the others read nothing
            // that counts (elsewhere that would add junk read from a layer of a band or logo to the unknown words).
            bool instead = chosen is null ? layerPhi || overImage(b.Line) : layerPhi && !chosenPhi;
            if (!instead) continue;
            words[b.Line] = read(b);
            readOver[b.Line] = new ValueRead(b.Over, layerPhi ? b.Ink : null);
        }
    }

    /// <summary>A doubtful reading judged allowed with at least this score (0..100) is not read a second time.</summary>
    public const float SettledAllowedFrom = 50;

    /// <summary>The line a reading makes in frame coordinates: its words that count (see <see cref="MinConfidence"/>); null when none does.</summary>
    private static TextLine? ToLine(LinePlacement placement, TextCandidate candidate, IReadOnlyList<OcrWord> words, int frame, TextSource source,
        ushort group, int offsetX, int offsetY, Func<Region, Region?>? tighten = null)
    {
        var kept = new List<TextWord>();
        foreach (var w in words)
        {
            int alnum = w.Text.Count(char.IsLetterOrDigit);
            if (alnum == 0 || (w.Confidence < MinConfidence && alnum < LowConfidenceKept)) continue;
            var box = placement.ToFrame(w.Box);
            kept.Add(new TextWord(w.Text, Shift(box, offsetX, offsetY), w.Confidence));
        }

        if (kept.Count == 0) return null;
        Region lineBox;
        if (tighten is not null)
        {
            // Each word drawn in to its value's pixels (in the frame's own coordinates, before the overlay offset).
            var drawn = kept.Select(w => tighten(Shift(w.Box, -offsetX, -offsetY))).OfType<Region>().Select(b => Shift(b, offsetX, offsetY)).ToList();
            lineBox = (drawn.Count > 0 ? drawn : kept.Select(w => w.Box)).Aggregate((a, b) => a.Union(b));
            if (candidate.OverImage) lineBox = lineBox.Union(Shift(candidate.Box, offsetX, offsetY));
        }
        else lineBox = kept.Select(w => w.Box).Aggregate(Shift(candidate.Box, offsetX, offsetY), (a, b) => a.Union(b));
        return new TextLine(string.Join(' ', kept.Select(w => w.Text)), lineBox, kept.Average(w => w.Confidence), frame, source, kept)
        {
            OverlayGroup = group,
            OverImage = candidate.OverImage,
        };
    }

    /// <summary>Readings scoring below this (mean confidence 0..100) are read a second time.</summary>
    private const float SecondReadBelow = 70;

    /// <summary>Mean confidence of a reading, weighted by the letters and digits of each word (nothing read: 0).</summary>
    private static float Score(IReadOnlyList<OcrWord> words)
    {
        float sum = 0;
        int chars = 0;
        foreach (var w in words)
        {
            int n = w.Text.Count(char.IsLetterOrDigit);
            sum += n * w.Confidence;
            chars += n;
        }

        return chars == 0 ? 0 : sum / chars;
    }

    private static Region Shift(Region r, int dx, int dy) => new(r.X0 + dx, r.Y0 + dy, r.X1 + dx, r.Y1 + dy);

    /// <summary>
    /// How a line's reading by value was made: over the box its layer was read over (grown along its row, see
    /// <see cref="ValueExtent"/>) and, when it was taken for the PHI it reads, the ink value its words are drawn in to.
    /// </summary>
    private readonly record struct ValueRead(Region Over, (int Value, int Tolerance)? WordsBy);

    /// <summary>A doubtful line's value layer to read: the line, the box it is read over (grown), its ink value, its image's key.</summary>
    private readonly record struct LayerRead(int Line, Region Over, (int Value, int Tolerance) Ink, CropKey Key);

    private sealed record OverlayImage(ushort Group, int Frame, GreyImage Image, int OffsetX, int OffsetY);

    /// <summary>
    /// Each overlay plane as a grey image (set bits white on black), with its origin (PS3.3 C.9.2: Overlay Origin is
    /// 1-based, row then column). Overlay Data (60xx,3000) is 1 bit per pixel, least significant bit first, frames back
    /// to back; without it, an Overlay Bit Position (60xx,0102) above the pixel data's high bit names a bit of each
    /// native pixel (the retired "overlays in unused bits").
    /// </summary>
    private static IEnumerable<OverlayImage> Overlays(DicomFile file, DicomImage image)
    {
        var ds = file.Dataset;
        var groups = ds.Where(e => e.Tag.Group is >= 0x6000 and <= 0x601E && e.Tag.Group % 2 == 0 && e.Tag.Element == 0x0010)
            .Select(e => e.Tag.Group).Distinct().ToList();
        foreach (var g in groups)
        {
            int rows = (int)(ds.GetInteger(new DicomTag(g, 0x0010)) ?? 0);
            int cols = (int)(ds.GetInteger(new DicomTag(g, 0x0011)) ?? 0);
            if (rows <= 0 || cols <= 0 || (long)rows * cols > 64L << 20) continue;
            int originRow = (int)(ds.GetInteger(new DicomTag(g, 0x0050), 0) ?? 1);
            int originCol = (int)(ds.GetInteger(new DicomTag(g, 0x0050), 1) ?? 1);
            var data = ds.Get(new DicomTag(g, 0x3000));
            if (data is not null)
            {
                var bytes = data.Value.GetBytes().ToArray();
                if (ds.BigEndian && data.VR.Code == "OW")
                    for (int i = 0; i + 1 < bytes.Length; i += 2) (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
                int frames = (int)Math.Clamp(ds.GetInteger(new DicomTag(g, 0x0015)) ?? 1, 1, 1024);
                long bitsPerFrame = (long)rows * cols;
                for (int f = 0; f < frames && (f + 1) * bitsPerFrame <= bytes.Length * 8L; f++)
                {
                    var grey = new byte[rows * cols];
                    for (long i = 0; i < bitsPerFrame; i++)
                    {
                        long bit = f * bitsPerFrame + i;
                        if ((bytes[bit >> 3] >> (int)(bit & 7) & 1) != 0) grey[i] = 255;
                    }

                    yield return new OverlayImage(g, f, new GreyImage(cols, rows, grey), originCol - 1, originRow - 1);
                }

                continue;
            }

            // Overlay in the pixel data's unused high bits (native 16-bit data only).
            int position = (int)(ds.GetInteger(new DicomTag(g, 0x0102)) ?? -1);
            var layout = image.Layout;
            if (image.IsEncapsulated || layout.BitsAllocated != 16 || layout.SamplesPerPixel != 1 || position <= layout.EffectiveHighBit || position > 15)
                continue;
            if (rows != layout.Rows || cols != layout.Columns) continue;
            for (int f = 0; f < image.FrameCount; f++)
            {
                var native = image.NativeFrame(f);
                var grey = new byte[rows * cols];
                for (int i = 0; i < grey.Length; i++)
                {
                    int v = layout.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(native.AsSpan(2 * i)) : BinaryPrimitives.ReadUInt16LittleEndian(native.AsSpan(2 * i));
                    if ((v >> position & 1) != 0) grey[i] = 255;
                }

                yield return new OverlayImage(g, f, new GreyImage(cols, rows, grey), 0, 0);
            }
        }
    }
}
