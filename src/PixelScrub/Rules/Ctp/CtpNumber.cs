using System.Globalization;

namespace PixelScrub.Rules.Ctp;

/// <summary>
/// The number isLessThan / isGreaterThan compare. CTP removes every character that is not part of a number
/// before comparing; we keep the digits, the decimal point and the minus sign, so "12.5 mm" reads 12.5
/// and "-3" reads -3 (a value like "1\2" reads 12, as CTP's stripping does). No number: the test is false.
/// </summary>
internal static class CtpNumber
{
    public static bool TryRead(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 256) return false;
        Span<char> buffer = stackalloc char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            if ((c >= '0' && c <= '9') || c == '.' || c == '-') buffer[n++] = c;
        }

        return n > 0 && double.TryParse(buffer[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
