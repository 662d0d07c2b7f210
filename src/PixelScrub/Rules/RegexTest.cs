using System.Text.RegularExpressions;

namespace PixelScrub.Rules;

/// <summary>Regex use at evaluation time: bounded by a timeout, and never throws (a timeout reads as no match).</summary>
internal static class RegexTest
{
    /// <summary>Bound on one match, so a pathological pattern cannot hang a batch.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    public static bool IsMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
