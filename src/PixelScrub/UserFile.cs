using System.Text;

namespace PixelScrub;

/// <summary>
/// The limits on every file a user hands the tool besides images, and the one bounded way to read them. A file above
/// its size limit (or an endless device such as /dev/zero) is refused after reading at most the limit plus one block,
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

    /// <summary>The size up to which a file is read whole into memory (see <see cref="ReadText"/>).</summary>
    private const int ReadWholeUpTo = 1 << 20;

    /// <summary>The block a file is read and decoded in (a file read whole: its size plus one byte, if larger).</summary>
    private const int Block = 1 << 16;

    /// <summary>
    /// The file's text (UTF-8, or as a byte order mark says; invalid bytes replaced), read at most <see cref="MaxBytes"/>
    /// plus one block far. A file of up to 1 MiB, or of unknown size (a pipe, a device, a file that says it is empty as
    /// /proc files do), is read once into memory and, in one block, decoded once. In several blocks (a pipe past 64 KiB)
    /// it is decoded twice where it lies, to count the characters and then straight into the string: its bytes and the
    /// string are all it holds (gathering the blocks to decode them once would hold the bytes twice). A larger file of
    /// known size is read and decoded twice, a block at a time, so the string is all it holds. An unreadable file (or
    /// one that changed between the two reads) is an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// as thrown.
    /// </summary>
    public string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder, not a {What}");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = fs.CanSeek ? fs.Length : 0;
        if (length > MaxBytes) throw TooLarge(path, length);
        if (length > ReadWholeUpTo)
        {
            int count = Decode(Blocks(fs, path, Block, reuse: true), path, []);
            fs.Position = 0;
            return string.Create(count, (File: this, Stream: fs, Path: path), static (into, s) =>
            {
                if (Decode(s.File.Blocks(s.Stream, s.Path, Block, reuse: true), s.Path, into) != into.Length) throw Changed(s.Path);
            });
        }

        var blocks = Blocks(fs, path, (int)Math.Max(length + 1, Block), reuse: false).ToList();
        if (blocks.Count == 1)
        {
            var bytes = blocks[0].Span;
            var (encoding, mark) = EncodingOf(bytes);
            return encoding.GetString(bytes[mark..]);
        }

        return string.Create(Decode(blocks, path, []), (Blocks: blocks, Path: path), static (into, s) => Decode(s.Blocks, s.Path, into));
    }

    /// <summary>
    /// <paramref name="stream"/> from where it is, in blocks of <paramref name="size"/> bytes (the last one shorter; none
    /// empty), each read into the same array when <paramref name="reuse"/> is set, else into a new one to be kept; refused
    /// once more than <see cref="MaxBytes"/> are read.
    /// </summary>
    private IEnumerable<ReadOnlyMemory<byte>> Blocks(Stream stream, string path, int size, bool reuse)
    {
        var buffer = new byte[size];
        long total = 0;
        while (true)
        {
            int n = stream.ReadAtLeast(buffer, size, throwOnEndOfStream: false);
            if ((total += n) > MaxBytes) throw TooLarge(path, null);
            if (n > 0) yield return buffer.AsMemory(0, n);
            if (n < size) yield break;
            if (!reuse) buffer = new byte[size];
        }
    }

    /// <summary>
    /// Decodes <paramref name="blocks"/> (all full but the last, so the first holds a byte order mark whole) into
    /// <paramref name="into"/>, or, when it is empty, only counts the characters; returns the count. More characters
    /// than fit: the file changed.
    /// </summary>
    private static int Decode(IEnumerable<ReadOnlyMemory<byte>> blocks, string path, Span<char> into)
    {
        Decoder? decoder = null;
        char[] chars = [];
        int count = 0;
        foreach (var block in blocks.Append(ReadOnlyMemory<byte>.Empty))   // the empty block last flushes the decoder
        {
            var bytes = block.Span;
            if (decoder is null)
            {
                var (encoding, mark) = EncodingOf(bytes);
                decoder = encoding.GetDecoder();
                chars = new char[encoding.GetMaxCharCount(Block)];
                bytes = bytes[mark..];
            }

            do
            {
                var piece = bytes[..Math.Min(bytes.Length, Block)];   // a block of a file read whole may be longer
                int c = decoder.GetChars(piece, chars, flush: block.IsEmpty);
                bytes = bytes[piece.Length..];
                if (!into.IsEmpty)
                {
                    if (c > into.Length - count) throw Changed(path);
                    chars.AsSpan(0, c).CopyTo(into[count..]);
                }

                count += c;
            }
            while (!bytes.IsEmpty);
        }

        return count;
    }

    /// <summary>The encoding the byte order mark at the start of <paramref name="bytes"/> names, and the mark's length: UTF-8 and none without one.</summary>
    private static (Encoding Encoding, int Mark) EncodingOf(ReadOnlySpan<byte> bytes)
    {
        foreach (var encoding in ByteOrderMarks)
        {
            if (bytes.StartsWith(encoding.Preamble)) return (encoding, encoding.Preamble.Length);
        }

        return (Encoding.UTF8, 0);
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
