namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// The keep-list of private attributes known to be safe: acquisition parameters that PS3.15 Table E.3.10-1 (Retain Safe
/// Private Option) lists and that carry numbers or short codes only. A listed attribute is kept only when its value is
/// what the VR promises (numbers; for CS, upper-case code characters), so free text never passes through this list.
/// </summary>
internal static class SafePrivateAttributes
{
    public static readonly IReadOnlyList<SafePrivateAttribute> All =
    [
        new(0x0019, "SIEMENS MR HEADER", 0x0C, "IS", "B_value"),
        new(0x0019, "SIEMENS MR HEADER", 0x0D, "CS", "DiffusionDirectionality"),
        new(0x0019, "SIEMENS MR HEADER", 0x0E, "FD", "DiffusionGradientDirection"),
        new(0x0019, "SIEMENS MR HEADER", 0x27, "FD", "B_matrix"),
        new(0x0043, "GEMS_PARM_01", 0x39, "IS", "SlopInt6-9 (b value)"),
        new(0x2001, "Philips Imaging DD 001", 0x03, "FL", "DiffusionBFactor"),
        new(0x2001, "Philips Imaging DD 001", 0x04, "CS", "DiffusionDirection"),
        new(0x7053, "Philips PET Private Group", 0x00, "DS", "SUVFactor"),
        new(0x7053, "Philips PET Private Group", 0x09, "DS", "ActivityConcentrationScaleFactor"),
    ];

    /// <summary>The entry for a private element whose block's creator is <paramref name="creator"/>; null when not listed.</summary>
    public static SafePrivateAttribute? Find(ushort group, string creator, byte element)
    {
        foreach (var a in All)
        {
            if (a.Group == group && a.Element == element && string.Equals(a.Creator, creator.Trim(), StringComparison.Ordinal)) return a;
        }

        return null;
    }

    /// <summary>True when the value bytes hold what the listed VR promises (numbers, or a short code for CS).</summary>
    public static bool ValueFits(SafePrivateAttribute a, ReadOnlySpan<byte> bytes)
    {
        switch (a.VR)
        {
            case "FD": return bytes.Length % 8 == 0;
            case "FL": return bytes.Length % 4 == 0;
            case "IS" or "DS" or "CS":
                if (bytes.Length > 1024) return false;
                foreach (var b in bytes)
                {
                    bool ok = a.VR == "CS"
                        ? b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)' ' or (byte)'_' or (byte)'\\'
                        : b is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)' ' or (byte)'\\';
                    if (!ok) return false;
                }

                return true;
            default: return false;
        }
    }
}
