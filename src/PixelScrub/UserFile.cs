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
    /// <summary>Pixel rule files, header specs (CTP scripts, deid recipes).</summary>
    public static readonly UserFile RuleFile = new("rule file", Rules.RuleSet.MaxRuleFileBytes, int.MaxValue);

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
    /// The file's text (UTF-8, byte order mark honoured), read at most <see cref="MaxBytes"/> plus one chunk far. An
    /// unreadable file is an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> as thrown.
    /// </summary>
    public string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder, not a {What}");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (fs.CanSeek && fs.Length > MaxBytes) throw TooLarge(path, fs.Length);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = fs.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBytes) throw TooLarge(path, null);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

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
