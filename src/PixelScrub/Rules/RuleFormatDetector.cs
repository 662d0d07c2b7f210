namespace PixelScrub.Rules;

/// <summary>Tells the three rule formats apart by content (file names are not trusted).</summary>
internal static class RuleFormatDetector
{
    public static RuleFormat Detect(string text)
    {
        // deid: the first meaningful line is FORMAT or a %section.
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range].Trim();
            if (line.IsEmpty || line[0] == '#') continue;
            if (line[0] == '%' || (line.StartsWith("FORMAT", StringComparison.OrdinalIgnoreCase) && (line.Length == 6 || char.IsWhiteSpace(line[6]))))
            {
                return RuleFormat.Deid;
            }

            break;
        }

        // CTP pixel scripts hold { expression } signatures; filter scripts are one bare expression.
        return text.Contains('{') || text.Contains('}') ? RuleFormat.CtpPixel : RuleFormat.CtpFilter;
    }
}
