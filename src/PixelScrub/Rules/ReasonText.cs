using System.Text;

namespace PixelScrub.Rules;

/// <summary>Small helpers that write field values into human reasons.</summary>
internal static class ReasonText
{
    private const int MaxValueLength = 80;

    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        if (value.Length <= MaxValueLength) sb.Append(value);
        else sb.Append(value, 0, MaxValueLength).Append("...");
        sb.Append('"');
    }

    /// <summary>Appends " (Field = "v")", " (Field = "a\b")", " (Field is empty)" or " (Field is missing)".</summary>
    public static void AppendFound(StringBuilder sb, FieldPath field, string[]? values)
    {
        sb.Append(" (").Append(field.Text);
        if (values is null) sb.Append(field.IsUnknown ? " is not a known field" : " is missing");
        else if (values.Length == 0 || (values.Length == 1 && values[0].Length == 0)) sb.Append(" is empty");
        else
        {
            sb.Append(" = ");
            AppendQuoted(sb, values.Length == 1 ? values[0] : string.Join('\\', values));
        }

        sb.Append(')');
    }
}
