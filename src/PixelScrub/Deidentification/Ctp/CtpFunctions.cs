using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// The value functions of CTP's DicomAnonymizer as documented (../shared/reference/ctp-anonymizer-semantics.md):
/// pure, so tests can check each against independently computed values.
/// </summary>
internal static class CtpFunctions
{
    /// <summary>MD5 of the UTF-8 text as an unsigned decimal number (CTP's DigestUtil.getUSMD5).</summary>
    public static string UnsignedMd5(string text)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(text), digest);
        return new BigInteger(digest, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>@hash: the first <paramref name="maxLength"/> digits of the unsigned decimal MD5 (all when &lt; 1).</summary>
    public static string Hash(string text, int maxLength = int.MaxValue)
    {
        var h = UnsignedMd5(text);
        if (maxLength < 1) maxLength = int.MaxValue;
        return h.Length <= maxLength ? h : h[..maxLength];
    }

    /// <summary>@hashuid: root (a "." added) + "9" when the decimal MD5 starts with 0 + the decimal MD5, cut to 64 characters.</summary>
    public static string HashUid(string root, string uid)
    {
        if (!root.EndsWith('.')) root += ".";
        var h = UnsignedMd5(uid);
        var result = root + (h.StartsWith('0') ? "9" : "") + h;
        return result.Length > 64 ? result[..64] : result;
    }

    /// <summary>@hashname: the first <paramref name="wordCount"/> ^-separated words joined, blanks , ' ^ . removed, upper case, hashed.</summary>
    public static string HashName(string name, int length, int wordCount)
    {
        if (wordCount <= 0) wordCount = int.MaxValue;
        var words = name.Split('^');
        var joined = string.Concat(words.Take(wordCount));
        joined = Regex.Replace(joined, @"[\s,'\^\.]", "").ToUpperInvariant();
        return Hash(joined, length);
    }

    /// <summary>@hashptid: hash of "[siteid]ptid" (both trimmed).</summary>
    public static string HashPtId(string? siteId, string? ptid, int maxLength = int.MaxValue) =>
        Hash("[" + (siteId ?? "").Trim() + "]" + (ptid?.Trim() ?? "null"), maxLength);

    /// <summary>The @hashdate increment: -(last four digits of the decimal MD5 of the key) mod 3650; 0 becomes -1.</summary>
    public static long HashDateIncrement(string key)
    {
        var h = UnsignedMd5(key);
        if (h.Length > 4) h = h[^4..];
        long inc = -(long.Parse(h, CultureInfo.InvariantCulture) % 3650);
        return inc == 0 ? -1 : inc;
    }

    /// <summary>
    /// Adds days to a DICOM date (YYYYMMDD, or YYYY-MM-DD kept with dashes); anything after the date (a DT's time) is
    /// kept. Years starting "00" are read as 19xx (CTP's DateUtil). False when the text is not a date.
    /// </summary>
    public static bool TryIncrementDate(string date, long days, out string result)
    {
        result = "";
        bool iso = date.Length >= 10 && date[4] == '-' && date[7] == '-';
        string digits = iso ? date[..4] + date[5..7] + date[8..10] : date.Length >= 8 ? date[..8] : "";
        string rest = iso ? date[10..] : date.Length > 8 ? date[8..] : "";
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit)) return false;
        int y = int.Parse(digits[..4], CultureInfo.InvariantCulture), m = int.Parse(digits[4..6], CultureInfo.InvariantCulture), d = int.Parse(digits[6..8], CultureInfo.InvariantCulture);
        if (digits.StartsWith("00", StringComparison.Ordinal)) y += 1900;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        DateOnly shifted;
        try
        {
            shifted = new DateOnly(y, m, d).AddDays(checked((int)days));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }

        var ci = CultureInfo.InvariantCulture;
        result = (iso ? shifted.ToString("yyyy-MM-dd", ci) : shifted.ToString("yyyyMMdd", ci)) + rest;
        return true;
    }

    /// <summary>@modifydate: sets year, month and/or day (negative: keep); false when the text is not a date.</summary>
    public static bool TryModifyDate(string date, int year, int month, int day, out string result)
    {
        result = "";
        if (!TryIncrementDate(date, 0, out var same)) return false;
        int y = int.Parse(same[..4], CultureInfo.InvariantCulture), m = int.Parse(same[4..6], CultureInfo.InvariantCulture), d = int.Parse(same[6..8], CultureInfo.InvariantCulture);
        if (year >= 0) y = year;
        if (month >= 0) m = month;
        if (day >= 0) d = day;
        if (y is < 1 or > 9999) return false;
        // Java's lenient calendar rolls an out-of-range month or day over; do the same.
        var dt = new DateOnly(y, 1, 1).AddMonths(m - 1).AddDays(d - 1);
        result = dt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (date.Length > 8 && date[4] != '-' ? date[8..] : "");
        return true;
    }

    /// <summary>@initials: the initials of "last^first^middle", last name's moved to the end, upper case; "X" for none.</summary>
    public static string Initials(string? name)
    {
        if (name is null) return "X";
        var s = Regex.Replace(name.Replace('^', ' '), @"\s+", " ").Trim();
        if (s.Length == 0) return "X";
        var initials = string.Concat(s.Split(' ').Select(w => w[0]));
        if (initials.Length > 1) initials = initials[1..] + initials[0];
        return initials.ToUpperInvariant();
    }

    /// <summary>@round: an age rounded to bins of <paramref name="width"/> (first bin centred on zero), suffix kept, even length.</summary>
    public static string Round(string? age, int width)
    {
        if (age is null) return "";
        age = age.Trim();
        if (age.Length == 0) return "";
        var number = float.Parse(Regex.Replace(age, @"\D", ""), CultureInfo.InvariantCulture);
        int rounded = (int)MathF.Round(number / width, MidpointRounding.AwayFromZero) * width;
        var result = rounded.ToString(CultureInfo.InvariantCulture) + Regex.Replace(age, @"\d", "");
        return (result.Length & 1) != 0 ? "0" + result : result;
    }
}
