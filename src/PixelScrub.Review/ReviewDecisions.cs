using System.Text;
using System.Text.Json;
using PixelScrub.Dicom.IO;
using PixelScrub.Masks;
using PixelScrub.Pipeline;
using PixelScrub.Rules;

namespace PixelScrub.Review;

/// <summary>
/// What a decision does on disk, one decision at a time. Apply writes a rule, then runs the file through `clean`'s
/// stages (<see cref="SingleFileRunner"/>) with the base rules and the review rules; release copies the judged file to
/// OUT unchanged; keep only records. Every write goes through a temp file and a rename; inputs and quarantined copies are
/// only read. The report row of a file that changed is replaced (the report rewritten whole, atomically); every decision
/// is recorded in the review state and audit log.
/// </summary>
internal sealed class ReviewDecisions(ReviewOptions options, ReviewCatalog catalog, ReviewStore store)
{
    /// <summary>At most this many rectangles per decision (a request bound).</summary>
    public const int MaxRegions = 64;

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Quarantined files with the same device signature still to review (this one first).</summary>
    public IReadOnlyList<ReviewFile> LikeThis(ReviewFile file)
    {
        var states = store.AllStates();
        return catalog.Files.Where(f => f.Decidable && f.Signature is not null && f.Signature == file.Signature
                && (f.Id == file.Id || !states.TryGetValue(f.Id, out var s) || s is ReviewStore.ToReview or ReviewStore.Kept))
            .OrderBy(f => f.Id == file.Id ? 0 : 1).ToArray();
    }

    /// <summary>Checks drawn rectangles against the image and clips them; an empty list or a bad one is an <see cref="ArgumentException"/>.</summary>
    public static IReadOnlyList<Region> Regions(ReviewFile file, IReadOnlyList<int[]>? boxes)
    {
        if (boxes is null || boxes.Count == 0) throw new ArgumentException("draw at least one rectangle first");
        if (boxes.Count > MaxRegions) throw new ArgumentException($"at most {MaxRegions} rectangles per decision, not {boxes.Count}");
        var regions = new List<Region>();
        foreach (var b in boxes)
        {
            if (b is not { Length: 4 }) throw new ArgumentException("a rectangle is [xmin, ymin, xmax, ymax]");
            var r = new Region(Math.Min(b[0], b[2]), Math.Min(b[1], b[3]), Math.Max(b[0], b[2]), Math.Max(b[1], b[3])).ClipTo(file.Columns, file.Rows);
            if (r.IsEmpty) throw new ArgumentException($"the rectangle {string.Join(',', b)} lies outside the {file.Columns}x{file.Rows} image");
            regions.Add(r);
        }

        return regions;
    }

    public async Task<ActionResult> Apply(ReviewFile file, IReadOnlyList<int[]>? boxes, bool allLikeThis)
    {
        await _one.WaitAsync();
        try
        {
            if (!file.Decidable || file.Signature is null) return Refused(file, "this file cannot be decided here (not quarantined, or its copy and input are gone)");
            var regions = Regions(file, boxes);
            var targets = allLikeThis ? LikeThis(file) : [file];
            string label = ReviewRules.Append(options.ResolvedRules, file.Signature, regions, options.Reviewer);
            var rules = RuleSet.Combine(options.BaseRules, RuleSet.Load([options.ResolvedRules], options.Policy));
            var batch = options.BatchFor(rules);
            string regionText = string.Join(';', regions.Select(r => r.ToString()));
            // Every file first, then one rewrite of the report for the whole batch, then the page and the review state.
            var outcomes = targets.Select(target =>
            {
                var outcome = SingleFileRunner.Run(batch, new InputFile(target.Source!, target.RelativePath!));
                return outcome with
                {
                    Input = target.Row.Input,
                    Notes = [.. outcome.Notes, $"review: {options.Reviewer} applied rule '{label}' ({options.ResolvedRules})"],
                };
            }).ToList();
            UpdateReport(outcomes);
            var results = new List<FileResult>();
            foreach (var (target, outcome) in targets.Zip(outcomes))
            {
                bool cleaned = outcome.Status == FileStatus.Cleaned;
                var updated = catalog.Replace(target, outcome);
                string result = $"{outcome.Status.ToString().ToLowerInvariant()}{(outcome.Reason is { } why ? ": " + why : "")}";
                store.Record(target.Id, target.Row.Input, cleaned ? ReviewStore.Applied : null, null, allLikeThis ? "apply to all like this" : "apply",
                    regionText, label, options.ResolvedRules, options.Reviewer, result);
                results.Add(new FileResult(updated.Id, updated.Name, updated.Status, outcome.Output, outcome.Reason));
            }

            int done = results.Count(r => r.Status == "cleaned");
            string message = $"rule '{label}' written to {options.ResolvedRules}; {done} of {results.Count} file(s) cleaned";
            return new ActionResult(done == results.Count, message, label, results);
        }
        finally
        {
            _one.Release();
        }
    }

    public async Task<ActionResult> Release(ReviewFile file)
    {
        await _one.WaitAsync();
        try
        {
            if (!file.Decidable) return Refused(file, "this file cannot be released here (not quarantined, or its copy and input are gone)");
            // Through clean's stages with no rules: nothing matches, so the file passes: copied unchanged, or with its
            // header de-identified when the run had --header (the pixels are never touched).
            var passed = SingleFileRunner.Run(options.BatchFor(RuleSet.Combine()), new InputFile(file.Source!, file.RelativePath!));
            if (passed.Status != FileStatus.Passed || passed.Output is not { } dest)
            {
                store.Record(file.Id, file.Row.Input, null, null, "release", null, null, null, options.Reviewer, $"refused: {passed.Reason}");
                return Refused(file, $"could not be released: {passed.Status.ToString().ToLowerInvariant()}: {passed.Reason}");
            }

            string reason = $"released unchanged by {options.Reviewer} (review)";
            var outcome = passed with
            {
                Input = file.Row.Input, Decision = "pass", Group = file.Row.Group, Label = file.Row.Label, Reason = reason,
                Notes = [.. passed.Notes, $"review: {reason}; was {file.Status}: {file.Row.Reason}"],
            };
            UpdateReport([outcome]);
            var updated = catalog.Replace(file, outcome);
            store.Record(file.Id, file.Row.Input, ReviewStore.Released, null, "release", null, null, null, options.Reviewer, $"passed: {dest}");
            return new ActionResult(true, $"released unchanged to {dest}", null, [new FileResult(updated.Id, updated.Name, updated.Status, dest, reason)]);
        }
        finally
        {
            _one.Release();
        }
    }

    public async Task<ActionResult> Keep(ReviewFile file, string? note)
    {
        await _one.WaitAsync();
        try
        {
            note = note?.Trim();
            if (note is { Length: > 2000 }) throw new ArgumentException("a note is at most 2000 characters");
            store.Record(file.Id, file.Row.Input, ReviewStore.Kept, note, "keep", null, null, null, options.Reviewer, note);
            return new ActionResult(true, "kept in quarantine" + (string.IsNullOrEmpty(note) ? "" : $": {note}"), null,
                [new FileResult(file.Id, file.Name, file.Status, file.Row.Output, file.Row.Reason)]);
        }
        finally
        {
            _one.Release();
        }
    }

    private static ActionResult Refused(ReviewFile file, string why) => new(false, why, null, [new FileResult(file.Id, file.Name, file.Status, file.Row.Output, why)]);

    /// <summary>
    /// Rewrites the report once for a batch of decisions (temp file and rename): the rows of each input in
    /// <paramref name="rows"/> replaced by its new row (in its first row's place; a new input's row at the end), read and
    /// written a row at a time (<see cref="ReportRows"/>: a line too long or not a row is refused).
    /// </summary>
    private void UpdateReport(IReadOnlyList<FileOutcome> rows)
    {
        var report = options.ResolvedReport;
        var pending = rows.ToDictionary(r => r.Input, r => JsonSerializer.Serialize(r, PipelineJson.Default.FileOutcome), StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        AtomicFile.Write(report, s =>
        {
            using var writer = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var line in ReportRows.Read(report))
            {
                var input = line.Required.Input;
                if (!pending.TryGetValue(input, out var rowLine)) writer.WriteLine(line.Text);
                else if (replaced.Add(input)) writer.WriteLine(rowLine);
            }

            foreach (var (input, rowLine) in pending)
            {
                if (!replaced.Contains(input)) writer.WriteLine(rowLine);
            }
        });
    }
}
