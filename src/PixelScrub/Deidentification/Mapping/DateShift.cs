using System.Globalization;

namespace PixelScrub.Deidentification.Mapping;

/// <summary>Shifts DA and DT values by whole days (PS3.5 6.2: DA YYYYMMDD, DT YYYY[MM[DD[HH[MM[SS[.F]]]]]][&amp;ZZXX]).</summary>
internal static class DateShift
{
    /// <summary>Shifts one DA value; false when it is not a date (the caller decides what to do with it).</summary>
    public static bool TryShiftDate(string value, int days, out string shifted)
    {
        var v = value.Trim();
        shifted = "";
        if (v.Length == 0)
        {
            return true;
        }

        if (v.Length != 8 || !DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        if (!TryAdd(d, days, out var r)) return false;
        shifted = r.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Shifts the date part of one DT value, keeping its precision, time and UTC offset.</summary>
    public static bool TryShiftDateTime(string value, int days, out string shifted)
    {
        var v = value.Trim();
        shifted = "";
        if (v.Length == 0) return true;
        int digits = 0;
        while (digits < v.Length && char.IsAsciiDigit(v[digits])) digits++;
        if (digits < 4) return false;
        string year = v[..4];
        string month = digits >= 6 ? v.Substring(4, 2) : "01";
        string day = digits >= 8 ? v.Substring(6, 2) : "01";
        if (!DateOnly.TryParseExact(year + month + day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        if (!TryAdd(d, days, out var r)) return false;
        var head = r.ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..Math.Min(8, digits >= 8 ? 8 : digits >= 6 ? 6 : 4)];
        shifted = head + v[Math.Min(8, digits >= 8 ? 8 : digits >= 6 ? 6 : 4)..];
        return true;
    }

    private static bool TryAdd(DateOnly d, int days, out DateOnly r)
    {
        r = d;
        long n = (long)d.DayNumber + days;
        if (n < DateOnly.MinValue.DayNumber || n > DateOnly.MaxValue.DayNumber) return false;
        r = DateOnly.FromDayNumber((int)n);
        return r.Year is >= 1 and <= 9999;
    }
}
