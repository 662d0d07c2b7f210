using PixelScrub.Deidentification.Ctp;
using PixelScrub.Rules;

namespace PixelScrub.Deidentification;

/// <summary>
/// Resolves a `--header SPEC`: a built-in profile name, or a file whose content says what it is (a CTP DicomAnonymizer
/// script, a deid recipe with a %header section). A spec that does not parse throws <see cref="RuleSyntaxException"/>
/// with file:line:column before any file is touched. New formats and profile sets are added to the two lists below.
/// </summary>
public static class HeaderSpecs
{
    /// <summary>File formats, asked in order; the first that recognises the content loads it.</summary>
    private static readonly IHeaderSpecFormat[] Formats =
    [
        new CtpScriptFormat(),
        new Deid.DeidHeaderFormat(),
    ];

    /// <summary>Sets of built-in profiles, asked in order before the spec is taken as a path.</summary>
    private static readonly IHeaderProfiles[] Profiles = [new Profiles.BuiltInProfiles()];

    /// <summary>Builds the anonymizer a spec names. Throws <see cref="RuleSyntaxException"/> for a bad or unknown spec.</summary>
    public static IHeaderAnonymizer Resolve(string spec, HeaderSettings? settings = null)
    {
        settings ??= HeaderSettings.Default;
        if (!File.Exists(spec))
        {
            foreach (var profiles in Profiles)
            {
                if (profiles.TryCreate(spec, settings, out var anonymizer)) return anonymizer;
            }

            var names = Profiles.SelectMany(p => p.Names).ToList();
            var known = names.Count == 0 ? "" : $" or a built-in profile ({string.Join(", ", names)})";
            throw new RuleSyntaxException($"header spec \"{spec}\" is not a file{known}", spec, 1, 1) { FilePath = spec };
        }

        var text = UserFile.HeaderSpec.Read(spec);
        var format = FormatOf(text) ?? throw new RuleSyntaxException(
            $"not a header spec: expected {string.Join(" or ", Formats.Select(f => f.Name))}", spec, 1, 1) { FilePath = spec };
        return format.Load(spec, text, settings);
    }

    /// <summary>True when the file's content is a header spec (for `rules check`, which also checks pixel rule files).</summary>
    public static bool IsHeaderSpecFile(string path)
    {
        try
        {
            return File.Exists(path) && FormatOf(UserFile.HeaderSpec.ReadText(path)) is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or RuleSyntaxException)
        {
            // unreadable or above the size limit: the pixel rule checker says why
            return false;
        }
    }

    /// <summary>Every error and warning of a header spec file, with file:line:column.</summary>
    public static IReadOnlyList<RuleDiagnostic> Check(string path)
    {
        string text;
        try
        {
            text = UserFile.HeaderSpec.Read(path);
        }
        catch (RuleSyntaxException ex)
        {
            return [new RuleDiagnostic(RuleSeverity.Error, path, 1, 1, ex.Message)];
        }

        var format = FormatOf(text);
        return format is null
            ? [new RuleDiagnostic(RuleSeverity.Error, path, 1, 1, $"not a header spec: expected {string.Join(" or ", Formats.Select(f => f.Name))}")]
            : format.Check(path, text);
    }

    private static IHeaderSpecFormat? FormatOf(string text) => Formats.FirstOrDefault(f => f.Recognises(text));
}
