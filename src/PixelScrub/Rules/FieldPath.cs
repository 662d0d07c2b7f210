using System.Text;

namespace PixelScrub.Rules;

/// <summary>
/// A field a rule reads, resolved to tags at load time: a single element or a sequence path A::B (the first
/// item of each sequence). <see cref="Text"/> keeps the spelling of the rule file for reasons and rendering.
/// An unknown name (allowed in deid recipes, where deid reads it as missing) has no steps and is never present.
/// </summary>
internal sealed class FieldPath
{
    private readonly FieldStep[] _steps;

    public FieldPath(string text, FieldStep[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public bool IsUnknown => _steps.Length == 0;

    public ReadOnlySpan<FieldStep> Steps => _steps;

    public static FieldPath Unknown(string text) => new(text, []);

    /// <summary>The values of the field; null when it (or a sequence on the way) is missing.</summary>
    public string[]? Read(IHeaderValues header)
    {
        var item = Navigate(header);
        if (item is null) return null;
        return _steps[^1].TryResolve(item, out uint tag) ? item.GetValues(tag) : null;
    }

    /// <summary>The items of the field when it is a sequence; null when missing.</summary>
    public IReadOnlyList<IHeaderValues>? ReadItems(IHeaderValues header)
    {
        var item = Navigate(header);
        if (item is null) return null;
        return _steps[^1].TryResolve(item, out uint tag) ? item.GetItems(tag) : null;
    }

    private IHeaderValues? Navigate(IHeaderValues header)
    {
        if (_steps.Length == 0) return null;
        var current = header;
        for (int i = 0; i < _steps.Length - 1; i++)
        {
            if (!_steps[i].TryResolve(current, out uint tag)) return null;
            var items = current.GetItems(tag);
            if (items is null || items.Count == 0) return null;
            current = items[0];
        }

        return current;
    }

    /// <summary>Canonical form for model comparison: the resolved tags, or "unknown:Name".</summary>
    public string Canonical()
    {
        if (_steps.Length == 0) return "unknown:" + Text;
        var sb = new StringBuilder();
        for (int i = 0; i < _steps.Length; i++)
        {
            if (i > 0) sb.Append("::");
            sb.Append(_steps[i].ToString());
        }

        return sb.ToString();
    }

    public override string ToString() => Text;
}
