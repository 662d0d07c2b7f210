using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Dicom;
using PixelScrub.Rules.Ctp;
using PixelScrub.Rules.Deid;

namespace PixelScrub.Rules;

/// <summary>
/// Loaded rules: one or more rule files in any of the three formats (CTP filter scripts, CTP pixel scripts,
/// deid recipes; told apart by content), evaluated in file order. Loading refuses a broken file with a
/// <see cref="RuleSyntaxException"/> (file, line, column); evaluation never throws.
/// </summary>
public sealed class RuleSet
{
    private const string DefaultsPrefix = "PixelScrub.Rules.Defaults.";

    /// <summary>The embedded default files, in evaluation order.</summary>
    internal static readonly string[] DefaultFiles = ["deid-filters.dicom", "ctp-pixel-signatures.script"];

    /// <summary>Largest rule file read (CTP's whole annotation library is about 60 KB); a bigger one is refused.</summary>
    public const long MaxRuleFileBytes = 16L << 20;

    private static readonly Lazy<RuleSet> LazyDefaults = new(LoadDefaults);
    private readonly RuleFile[] _files;

    internal RuleSet(IEnumerable<RuleFile> files)
    {
        _files = files.ToArray();
    }

    /// <summary>PixelScrub's own rules: the facts of CTP's burned-in annotation library and deid's deid.dicom.</summary>
    public static RuleSet Defaults => LazyDefaults.Value;

    internal IReadOnlyList<RuleFile> Files => _files;

    /// <summary>The files, in order, with their detected formats.</summary>
    public IReadOnlyList<(string Path, RuleFormat Format)> Sources => _files.Select(f => (f.Path, f.Format)).ToArray();

    /// <summary>Warnings and notes of every file (errors never get this far).</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics => _files.SelectMany(f => f.Diagnostics).ToArray();

    public int RuleCount => _files.Sum(f => f.Groups.Sum(g => g.Rules.Count));

    /// <summary>Loads one rule file; throws <see cref="RuleSyntaxException"/> at the first error.</summary>
    public static RuleSet Load(string path) => Load([path], DecisionPolicy.Default);

    /// <summary>Loads several rule files, evaluated in the order given.</summary>
    public static RuleSet Load(IEnumerable<string> paths) => Load(paths, DecisionPolicy.Default);

    /// <summary>Loads rule files for a decision policy: deid <c>%filter</c> group names must be ones it knows.</summary>
    public static RuleSet Load(IEnumerable<string> paths, DecisionPolicy policy) => new(paths.SelectMany(p => LoadFile(p, policy)).ToArray());

    /// <summary>Parses rule text; <paramref name="name"/> names it in errors and reports.</summary>
    public static RuleSet Parse(string text, string name = "<rules>", DecisionPolicy? policy = null) =>
        new(ThrowOnError(ParseFiles(text, name, policy ?? DecisionPolicy.Default)));

    /// <summary>Rule sets one after another (e.g. defaults plus a user's files).</summary>
    public static RuleSet Combine(params IEnumerable<RuleSet> sets) => new(sets.SelectMany(s => s._files));

    /// <summary>
    /// Everything wrong with a rule file (every syntax error with line and column, unknown keywords, methods
    /// and criteria), plus warnings and notes. Never throws for the file's content; an unreadable file is one error.
    /// </summary>
    public static IReadOnlyList<RuleDiagnostic> Check(string path) => Check(path, DecisionPolicy.Default);

    /// <summary>As <see cref="Check(string)"/>, with deid group names checked against <paramref name="policy"/>.</summary>
    public static IReadOnlyList<RuleDiagnostic> Check(string path, DecisionPolicy policy)
    {
        string text;
        try
        {
            text = ReadRuleText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new RuleDiagnostic(RuleSeverity.Error, path, 1, 1, $"cannot read the rule file: {ex.Message}")];
        }
        catch (RuleSyntaxException ex)
        {
            return [new RuleDiagnostic(RuleSeverity.Error, path, 1, 1, ex.Reason)];
        }

        return ParseFiles(text, path, policy).SelectMany(f => f.Diagnostics).ToArray();
    }

    /// <summary>Evaluates every rule on one header and applies the decision policy.</summary>
    public Detection Detect(IHeaderValues header, DecisionPolicy? policy = null) =>
        RuleEvaluator.Detect(_files, header, policy ?? DecisionPolicy.Default);

    /// <summary>Evaluates a read DICOM file's header (the file meta group included).</summary>
    public Detection Detect(DicomFile file, DecisionPolicy? policy = null) => Detect(new DicomHeaderValues(file), policy);

    /// <summary>
    /// The rules as understood, each file in its own format with comments naming resolved tags and sources;
    /// parsing the output gives the same rules.
    /// </summary>
    public string Show()
    {
        if (_files.Length == 1) return RuleRenderer.Render(_files[0]);
        // Several files, each in its own format: a bundle, which loads back file by file.
        var sb = new StringBuilder();
        foreach (var f in _files)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(RuleBundle.MarkerLine(f)).Append('\n');
            sb.Append(RuleRenderer.Render(f));
        }

        return sb.ToString();
    }

    /// <summary>
    /// A fingerprint of the rules (SHA-256, lower-case hex) that changes whenever any rule does: every file's content
    /// (<see cref="RuleFile.Content"/>), in order. The resume ledger keys finished files by it; hashing the text read is a
    /// fraction of the cost of rendering the rules (<see cref="Show"/>) for every run.
    /// </summary>
    internal string ContentKey()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in _files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(f.Content));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Parses a rule file, or each part of a <see cref="RuleBundle"/> (what <c>rules show</c> writes for several files)
    /// in the format its marker names; with a policy, deid group names it does not know are errors.
    /// </summary>
    internal static List<RuleFile> ParseFiles(string text, string name, DecisionPolicy? policy = null)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var errors = new List<RuleDiagnostic>();
        if (!RuleBundle.TrySplit(text, name, errors, out var parts)) return [ParseFile(text, name, RuleFormatDetector.Detect(text), "", policy)];
        var files = parts.Select(p => ParseFile(p.Text, name, p.Format, p.Name, policy)).ToList();
        if (errors.Count > 0)
        {
            var marker = new RuleFile(name, RuleFormat.Deid);
            marker.Diagnostics.AddRange(errors);
            files.Insert(0, marker);
        }

        return files;
    }

    private static RuleFile ParseFile(string text, string name, RuleFormat format, string originalName, DecisionPolicy? policy)
    {
        var src = new SourceText(name, text) { OriginalName = originalName };
        var file = format switch
        {
            RuleFormat.Deid => DeidRecipeParser.Parse(src),
            RuleFormat.CtpPixel => CtpScriptParser.ParsePixel(src),
            _ => CtpScriptParser.ParseFilter(src),
        };
        if (policy is not null) CheckGroups(file, policy);
        file.Content = $"{format} {Path.GetFileName(src.LabelSource)} {text.Length}\n{text}";
        return file;
    }

    private static void CheckGroups(RuleFile file, DecisionPolicy policy)
    {
        foreach (var g in file.FilterGroups)
        {
            if (policy.KnowsGroup(g.Name)) continue;
            string pass = string.Join(", ", policy.PassGroups.Order(StringComparer.OrdinalIgnoreCase));
            string flag = string.Join(", ", policy.FlagGroups.Order(StringComparer.OrdinalIgnoreCase));
            file.Diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, g.File, g.Line, g.Column,
                $"unknown %filter group '{g.Name}': the decision policy knows pass groups ({pass}) and flag groups ({flag}); " +
                "declare another flag group with --flag-group NAME"));
        }
    }

    private static List<RuleFile> LoadFile(string path, DecisionPolicy policy)
    {
        string text;
        try
        {
            text = ReadRuleText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleSyntaxException($"cannot read the rule file: {ex.Message}", path, 1, 1, ex) { FilePath = path };
        }

        return ThrowOnError(ParseFiles(text, path, policy));
    }

    /// <summary>
    /// The text of a rule file (UTF-8, BOM honoured), read at most <see cref="MaxRuleFileBytes"/> + 1 bytes far, so a
    /// huge file or an endless device (/dev/zero) is refused instead of filling memory.
    /// </summary>
    internal static string ReadRuleText(string path) => UserFile.RuleFile.ReadText(path);

    private static List<RuleFile> ThrowOnError(List<RuleFile> files)
    {
        int errors = 0;
        RuleDiagnostic? first = null;
        foreach (var d in files.SelectMany(f => f.Diagnostics))
        {
            if (d.Severity != RuleSeverity.Error) continue;
            errors++;
            first ??= d;
        }

        if (first is null) return files;
        string more = errors > 1 ? $" (and {errors - 1} more error(s); 'pixelscrub rules check' lists them all)" : "";
        throw new RuleSyntaxException(first.Message + more, first.File, first.Line, first.Column) { FilePath = first.File };
    }

    private static RuleSet LoadDefaults()
    {
        var assembly = typeof(RuleSet).Assembly;
        var files = new List<RuleFile>();
        foreach (var name in DefaultFiles)
        {
            using var stream = assembly.GetManifestResourceStream(DefaultsPrefix + name)
                ?? throw new InvalidOperationException($"embedded default rules {name} are missing from the build");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.AddRange(ThrowOnError(ParseFiles(reader.ReadToEnd(), "defaults/" + name)));
        }

        return new RuleSet(files);
    }
}
