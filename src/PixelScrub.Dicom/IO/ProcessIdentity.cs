using System.Diagnostics;
using System.Globalization;

namespace PixelScrub.Dicom.IO;

/// <summary>
/// Names a running process so that its temp files and locks can be told from those of a dead one: the process id and
/// its start time (on Linux the start field of /proc/PID/stat, in clock ticks since boot; elsewhere the start time in
/// seconds). A reused pid has another start time, so a leftover of a dead process is never mistaken for a live one's.
/// </summary>
public static class ProcessIdentity
{
    /// <summary>"PID-START" of this process.</summary>
    public static string Current { get; } = $"{Environment.ProcessId}-{StartOf(Environment.ProcessId)?.ToString(CultureInfo.InvariantCulture) ?? "0"}";

    /// <summary>True when process <paramref name="pid"/> runs and started at <paramref name="start"/>.</summary>
    public static bool IsAlive(int pid, long start) => StartOf(pid) == start;

    /// <summary>True when some process with this id runs (for names that carry no start time).</summary>
    public static bool IsAlive(int pid) => StartOf(pid) is not null;

    /// <summary>Parses "PID-START" (or a bare "PID").</summary>
    public static bool TryParse(string token, out int pid, out long? start)
    {
        start = null;
        var dash = token.IndexOf('-');
        if (dash < 0) return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out pid);
        pid = 0;
        if (!int.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out pid)) return false;
        if (!long.TryParse(token.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var s)) return false;
        start = s;
        return true;
    }

    /// <summary>True when the process a "PID-START" (or "PID") token names is running.</summary>
    public static bool IsAlive(string token) =>
        TryParse(token, out var pid, out var start) && (start is { } s ? IsAlive(pid, s) : IsAlive(pid));

    private static long? StartOf(int pid)
    {
        if (pid <= 0) return null;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // proc(5): the command name in parentheses may hold spaces; fields after the last ')' start at field 3.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[19], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }

        try
        {
            using var p = Process.GetProcessById(pid);
            return new DateTimeOffset(p.StartTime).ToUnixTimeSeconds();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
