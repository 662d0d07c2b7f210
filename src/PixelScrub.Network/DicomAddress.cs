using System.Globalization;

namespace PixelScrub.Network;

/// <summary>A peer as the command line names it: AE@HOST:PORT.</summary>
public sealed record DicomAddress(string AeTitle, string Host, int Port)
{
    /// <summary>Parses AE@HOST:PORT (an IPv6 host in brackets); <see cref="ArgumentException"/> naming the text when malformed.</summary>
    public static DicomAddress Parse(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        int colon = text.LastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == text.Length - 1) throw new ArgumentException($"\"{text}\" is not AE@HOST:PORT");
        var ae = text[..at];
        var host = text[(at + 1)..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"\"{text}\": port must be 1..65535");
        }

        ValidateAeTitle(ae);
        return new DicomAddress(ae, host, port);
    }

    /// <summary>An AE title: 1..16 characters of the default repertoire, no backslash or control characters (PS3.5 6.2, AE).</summary>
    public static void ValidateAeTitle(string ae)
    {
        if (ae.Trim().Length is 0 or > 16 || ae.Any(c => c is < ' ' or > '~' or '\\')) throw new ArgumentException($"\"{ae}\" is not an AE title (1..16 printable characters, no backslash)");
    }

    public override string ToString() => $"{AeTitle}@{Host}:{Port}";
}
