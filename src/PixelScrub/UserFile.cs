using System.Text;

namespace PixelScrub;

/// <summary>
/// The limits on every file a user hands the tool besides images, and the one bounded way to read them. A file above
/// its size limit (or an endless device such as /dev/zero) is refused after reading at most the limit plus one chunk,
/// never read whole into memory; a file with more entries than its limit is refused at the line that passes it. Both
/// are a <see cref="RuleSyntaxException"/> naming the file and the limit (the CLI's exit 2).
/// </summary>
internal sealed record UserFile(string What, long MaxBytes, int MaxEntries)
{
    /// <summary>Pixel rule files.</summary>
    public static readonly UserFile RuleFile = new("rule file", Rules.RuleSet.MaxRuleFileBytes, int.MaxValue);

    /// <summary>`--header` files (CTP scripts, deid recipes): as large as rule files.</summary>
    public static readonly UserFile HeaderSpec = new("header spec", Rules.RuleSet.MaxRuleFileBytes, int.MaxValue);

    /// <summary>A mapping key file: one secret.</summary>
    public static readonly UserFile KeyFile = new("key file", 64L << 10, 1);

    /// <summary>A CTP @lookup table.</summary>
    public static readonly UserFile LookupTable = new("lookup table", 64L << 20, 1_000_000);

    /// <summary>A Patient ID table (original,replacement).</summary>
    public static readonly UserFile PatientIdTable = new("Patient ID table", 64L << 20, 1_000_000);

    /// <summary>`--text-allow`: each entry a word or a regular expression.</summary>
    public static readonly UserFile AllowList = new("allow-list", 16L << 20, 100_000);

    /// <summary>`--text-patterns`: each entry a regular expression.</summary>
    public static readonly UserFile PatternFile = new("pattern file", 16L << 20, 100_000);

    /// <summary>A shard's state file (OUT.report.shard-K-of-N.state.json), read by `report merge`.</summary>
    public static readonly UserFile ShardState = new("shard state file", 1L << 20, 1);

    /// <summary>
    /// The file's text (UTF-8, or as a byte order mark says; invalid bytes replaced), read at most <see cref="MaxBytes"/>
    /// plus one chunk far. A file of known size is read twice, to count its characters and then to decode them straight
    /// into the string, so the string is all it holds (a single read would hold the text twice: built up, then copied);
    /// a pipe or device is read once. An unreadable file (or one that changed between the two reads) is an
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> as thrown.
    /// </summary>
    public string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder, not a {What}");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (fs.CanSeek && fs.Length > MaxBytes) throw TooLarge(path, fs.Length);
        if (!fs.CanSeek || fs.Length == 0)
        {
            // a pipe, a device, or a file that says it is empty (as /proc files do): read as it comes
            var text = new StringBuilder();
            Decode(fs, path, text, []);
            return text.ToString();
        }

        int count = Decode(fs, path, null, []);
        fs.Position = 0;
        return string.Create(count, (File: this, Stream: fs, Path: path), static (into, s) =>
        {
            if (s.File.Decode(s.Stream, s.Path, null, into) != into.Length) throw Changed(s.Path);
        });
    }

    /// <summary>
    /// Decodes <paramref name="stream"/> from its start a chunk at a time, refusing it once more than
    /// <see cref="MaxBytes"/> are read; the characters are appended to <paramref name="text"/>, or written into
    /// <paramref name="into"/> (more than fit: the file changed), or, with neither, only counted. Returns the count.
    /// </summary>
    private int Decode(Stream stream, string path, StringBuilder? text, Span<char> into)
    {
        bool write = text is null && !into.IsEmpty;
        var bytes = new byte[1 << 16];
        int n = 0, read;
        while (n < 4 && (read = stream.Read(bytes, n, bytes.Length - n)) > 0) n += read;   // the byte order mark whole
        var encoding = ByteOrderMarks.FirstOrDefault(e => bytes.AsSpan(0, n).StartsWith(e.Preamble));
        int start = encoding?.Preamble.Length ?? 0;
        encoding ??= Encoding.UTF8;
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        long total = n;
        int count = 0;
        while (true)
        {
            if (total > MaxBytes) throw TooLarge(path, null);
            int c = decoder.GetChars(bytes.AsSpan(start, n - start), chars, flush: n == 0);
            if (write && c > into.Length - count) throw Changed(path);
            if (write) chars.AsSpan(0, c).CopyTo(into[count..]);
            text?.Append(chars, 0, c);
            count += c;
            if (n == 0) return count;
            start = 0;
            n = stream.Read(bytes);
            total += n;
        }
    }

    /// <summary>The encodings a byte order mark names (UTF-32 LE before UTF-16 LE, whose mark begins it).</summary>
    private static readonly Encoding[] ByteOrderMarks =
        [Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true), Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode];

    private static IOException Changed(string path) => new($"{path} changed while it was read");

    /// <summary>As <see cref="ReadText"/>, with a file that cannot be read (missing, a folder, no permission) a
    /// <see cref="RuleSyntaxException"/> "cannot read the WHAT: why" at its line 1 too.</summary>
    public string Read(string path)
    {
        try
        {
            return ReadText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleSyntaxException($"cannot read the {What}: {ex.Message}", path, 1, 1, ex) { FilePath = path };
        }
    }

    /// <summary>Refuses the file when <paramref name="count"/> entries (the one at <paramref name="line"/> the last) pass the limit.</summary>
    public void CheckEntries(string path, int count, int line)
    {
        if (count <= MaxEntries) return;
        throw new RuleSyntaxException(
            $"the {What} has more than {MaxEntries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} entries; {What}s with more are refused (split it, or keep only what the data needs)", path, line, 1)
        {
            FilePath = path,
        };
    }

    private RuleSyntaxException TooLarge(string path, long? size) => new(
        $"the {What} is {(size is long s ? $"{s} bytes" : $"more than {Size(MaxBytes)}")}; {What}s above {Size(MaxBytes)} are refused", path, 1, 1)
    {
        FilePath = path,
    };

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}
