using PixelScrub.Rules;

namespace PixelScrub.Deidentification.Deid;

/// <summary>A deid recipe with a %header section, recognised by that section line.</summary>
internal sealed class DeidHeaderFormat : IHeaderSpecFormat
{
    public string Name => "a deid recipe with a %header section";

    public bool Recognises(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("%header", StringComparison.OrdinalIgnoreCase) && (line.Length == 7 || char.IsWhiteSpace(line[7]))) return true;
        }

        return false;
    }

    public IHeaderAnonymizer Load(string path, string text, HeaderSettings settings)
    {
        var (recipe, diagnostics) = DeidHeaderParser.Parse(path, text);
        var error = diagnostics.FirstOrDefault(d => d.Severity == RuleSeverity.Error);
        if (error is not null) throw error.ToException();
        foreach (var a in recipe.Actions)
        {
            if (a.Value?.Variable is { } v && !settings.Parameters.ContainsKey(v))
            {
                throw new RuleSyntaxException($"{a.Value} has no value: give --param {v}=VALUE", path, a.Line, a.Column) { FilePath = path };
            }
        }

        return new DeidHeaderAnonymizer(recipe, settings.Parameters);
    }

    public IReadOnlyList<RuleDiagnostic> Check(string path, string text) => DeidHeaderParser.Parse(path, text).Diagnostics;
}
