using System.Text.RegularExpressions;

namespace PixelScrub.Rules;

/// <summary>
/// Regex use at evaluation time: bounded by a timeout, and never throws. A timeout reads as no match and is
/// remembered for the evaluating thread, so the detection can fail closed (quarantine) instead of trusting it.
/// </summary>
internal static class RegexTest
{
    [ThreadStatic]
    private static bool t_timedOut;

    /// <summary>Clears the timeout flag of this thread; returns whether a match timed out since the last call.</summary>
    public static bool TakeTimedOut()
    {
        bool value = t_timedOut;
        t_timedOut = false;
        return value;
    }

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
            t_timedOut = true;
            return false;
        }
    }
}
