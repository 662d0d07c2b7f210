using System.Buffers;
using System.Text;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// How a path is written in a manifest line, so that any name (tabs, newlines, backslashes, bytes that are not UTF-8)
/// survives on one line: the bytes of the name, with '\' as "\\", tab as "\t", newline as "\n", carriage return as
/// "\r", every other control byte (below 0x20, and 0x7F) and every byte that is not part of valid UTF-8 as "\xNN"
/// (two lower-case hex digits). Everything else is the UTF-8 text itself. Reading undoes exactly that.
/// </summary>
internal static class ManifestPath
{
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out int used);
            if (status != OperationStatus.Done)
            {
                for (int i = 0; i < used; i++) sb.Append($"\\x{bytes[i]:x2}");
            }
            else
            {
                switch (rune.Value)
                {
                    case '\\': sb.Append(@"\\"); break;
                    case '\t': sb.Append(@"\t"); break;
                    case '\n': sb.Append(@"\n"); break;
                    case '\r': sb.Append(@"\r"); break;
                    case < 0x20 or 0x7F: sb.Append($"\\x{rune.Value:x2}"); break;
                    default: sb.Append(rune.ToString()); break;
                }
            }

            bytes = bytes[used..];
        }

        return sb.ToString();
    }

    /// <summary>The bytes an escaped path stands for; null and the reason when the escapes are malformed.</summary>
    public static byte[]? Unescape(string text, out string? error)
    {
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length)
                {
                    int n = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), utf8);
                    for (int j = 0; j < n; j++) output.Add(utf8[j]);
                    i++;
                }
                else
                {
                    int n = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
                    for (int j = 0; j < n; j++) output.Add(utf8[j]);
                }

                continue;
            }

            if (i + 1 >= text.Length)
            {
                error = $"a '\\' at column {i + 1} ends the path (write \\\\ for a backslash)";
                return null;
            }

            char e = text[++i];
            switch (e)
            {
                case '\\': output.Add((byte)'\\'); break;
                case 't': output.Add((byte)'\t'); break;
                case 'n': output.Add((byte)'\n'); break;
                case 'r': output.Add((byte)'\r'); break;
                case 'x' when i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]):
                    output.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                    i += 2;
                    break;
                default:
                    error = $"unknown escape '\\{e}' at column {i} (known: \\\\ \\t \\n \\r \\xNN)";
                    return null;
            }
        }

        error = null;
        return [.. output];
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
