using System.Text;
using PixelScrub.Deidentification;
using PixelScrub.Deidentification.Ctp;
using PixelScrub.Deidentification.Mapping;
using PixelScrub.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests;

/// <summary>
/// Every file a user hands the tool besides images has a size limit and an entry limit: a huge file (3 GB, sparse) or
/// an endless one (/dev/zero) is refused after a bounded read, naming the file and the limit, never read whole.
/// </summary>
public sealed class UserFileLimitTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-limits-");

    public void Dispose() => _dir.Dispose();

    private string Sparse(string name, long size)
    {
        var path = Path.Combine(_dir, name);
        using var fs = new FileStream(path, FileMode.CreateNew);
        fs.SetLength(size);   // no disk used
        return path;
    }

    private string Lines(string name, int count, Func<int, string> line)
    {
        var path = Path.Combine(_dir, name);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.Append(line(i)).Append('\n');
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>The load is refused at <paramref name="line"/> (the entry that passes the limit), naming the limit.</summary>
    private static void RefusedAtLine(Action load, int line, string message)
    {
        var ex = Assert.Throws<RuleSyntaxException>(load);
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message);
    }

    private static RuleSyntaxException RefusedWithLittleMemory(Action load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<RuleSyntaxException>(load);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the file was read although its size says it is refused");
        return ex;
    }

    [Fact]
    public void A_3_GB_lookup_table_patient_table_allow_list_or_pattern_file_is_refused_naming_the_file_and_the_limit()
    {
        var huge = Sparse("huge.txt", 3L << 30);
        var cases = new (Action Load, string Limit)[]
        {
            (() => CtpLookupTable.Load(huge), "the lookup table is 3221225472 bytes; lookup tables above 64 MiB are refused"),
            (() => PatientIdTable.Load(huge), "the Patient ID table is 3221225472 bytes; Patient ID tables above 64 MiB are refused"),
            (() => TextAllowList.Load(huge), "the allow-list is 3221225472 bytes; allow-lists above 16 MiB are refused"),
            (() => TextPatterns.Load(huge), "the pattern file is 3221225472 bytes; pattern files above 16 MiB are refused"),
        };
        foreach (var (load, limit) in cases)
        {
            var ex = RefusedWithLittleMemory(load);
            Assert.Equal(huge, ex.RuleFile);
            Assert.Contains(limit, ex.Message);
            Assert.StartsWith(huge + ":1:1: ", ex.Message);
        }
    }

    [Fact]
    public void An_endless_device_as_a_lookup_table_is_refused_after_the_limit_not_read_forever()
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => CtpLookupTable.Load("/dev/zero"));
        Assert.Contains("the lookup table is more than 64 MiB; lookup tables above 64 MiB are refused", ex.Message);
    }

    [Fact]
    public void A_key_file_above_64_KiB_is_refused_and_one_at_the_limit_is_read()
    {
        var big = Path.Combine(_dir, "big.key");
        File.WriteAllText(big, new string('k', (64 << 10) + 1));
        var ex = Assert.Throws<ArgumentException>(() => MappingKey.Resolve(new Dictionary<string, string> { [MappingKey.KeyFileParameter] = big }, _ => null));
        Assert.Equal($"cannot read the key file {big}: the key file is {(64 << 10) + 1} bytes; key files above 64 KiB are refused", ex.Message);

        File.WriteAllText(big, new string('k', 64 << 10));
        Assert.NotNull(MappingKey.Resolve(new Dictionary<string, string> { [MappingKey.KeyFileParameter] = big }, _ => null));
    }

    [Fact]
    public void A_lookup_table_and_a_patient_table_with_more_than_a_million_entries_are_refused_at_the_line_that_passes_it()
    {
        var lookup = Lines("lookup.properties", 1_000_001, i => $"ptid/{i} = P{i}");
        RefusedAtLine(() => CtpLookupTable.Load(lookup), 1_000_001, "the lookup table has more than 1,000,000 entries");

        var table = Lines("patients.csv", 1_000_001, i => $"{i},P{i}");
        RefusedAtLine(() => PatientIdTable.Load(table), 1_000_001, "the Patient ID table has more than 1,000,000 entries");
    }

    [Fact]
    public void An_allow_list_with_more_than_100_000_entries_is_refused_and_one_at_the_limit_is_read()
    {
        var allow = Lines("allow.txt", 100_001, i => $"word{i}");
        RefusedAtLine(() => TextAllowList.Load(allow), 100_001, "the allow-list has more than 100,000 entries");

        File.WriteAllLines(allow, File.ReadLines(allow).Take(100_000).ToList());   // at the limit: read
        Assert.Equal(100_000, TextAllowList.Load(allow).Count);
    }

    [Fact]
    public void A_header_spec_with_a_huge_lookup_table_is_a_configuration_error()
    {
        var script = Path.Combine(_dir, "s.script");
        File.WriteAllText(script, "<script>\n<e en=\"T\" t=\"00100020\">@lookup(this,ptid)</e>\n</script>\n");
        var huge = Sparse("table.properties", 3L << 30);
        var ex = Assert.ThrowsAny<PixelScrubException>(() => HeaderSpecs.Resolve(script, new HeaderSettings { LookupTablePath = huge }));
        Assert.Contains("lookup tables above 64 MiB are refused", ex.Message);
    }

    [Fact]
    public void A_byte_order_mark_names_the_encoding_and_invalid_bytes_are_replaced()
    {
        var path = Path.Combine(_dir, "marked.txt");
        foreach (var encoding in new Encoding[] { Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF8Encoding(true) })
        {
            File.WriteAllText(path, "word \u00e9\n", encoding);
            Assert.Equal("word \u00e9\n", UserFile.AllowList.ReadText(path));
        }

        File.WriteAllBytes(path, [(byte)'a', 0xFF, (byte)'b']);
        Assert.Equal("a\uFFFDb", UserFile.AllowList.ReadText(path));
        File.WriteAllBytes(path, []);
        Assert.Equal("", UserFile.AllowList.ReadText(path));
    }

    [Fact]
    public void A_pipe_is_read_whole_up_to_its_limit_and_refused_past_it_naming_the_limit()
    {
        var limit = new byte[64 << 10];
        Array.Fill(limit, (byte)'k');
        Assert.Equal(new string('k', 64 << 10), Fifo.Read(_dir.P("at-limit.key"), limit, UserFile.KeyFile.ReadText));

        var over = _dir.P("over.key");
        var ex = Assert.Throws<RuleSyntaxException>(() => Fifo.Read(over, [.. limit, (byte)'k'], UserFile.KeyFile.ReadText));
        Assert.Equal($"{over}:1:1: the key file is more than 64 KiB; key files above 64 KiB are refused", ex.Message);
        Assert.Equal(over, ex.RuleFile);
    }

    /// <summary>
    /// A file's text is the same whichever way it is read (whole and decoded once: up to 1 MiB; counted then decoded a
    /// block at a time: larger; from a pipe, in blocks held and decoded where they lie) and is what decoding all its bytes
    /// at once gives: random bytes of every size around the blocks, with or without a byte order mark, valid and invalid
    /// sequences, multi-byte characters across block edges.
    /// </summary>
    [Fact]
    public void Text_is_the_same_read_from_a_small_file_a_large_file_or_a_pipe_and_is_all_bytes_decoded_at_once()
    {
        var random = new Random(17);
        byte[][] pieces = [[(byte)'a'], [(byte)'\n'], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9D, 0x84, 0x9E], [0xFF], [0x80], [0xE2, 0x82], [0xF0, 0x9D], [0xED, 0xA0, 0x80]];
        Encoding[] marked = [Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true)];
        int[] sizes = [0, 1, 3, 5000, (64 << 10) - 1, 64 << 10, (64 << 10) + 3, 200_000, (1 << 20) - 2, (1 << 20) + 1, 1_400_000];
        for (int run = 0; run < sizes.Length; run++)
        {
            var encoding = run % 3 == 0 ? null : marked[run % marked.Length];
            var bytes = new List<byte>(encoding?.Preamble.ToArray() ?? []);
            while (bytes.Count < sizes[run]) bytes.AddRange(pieces[random.Next(pieces.Length)]);
            var all = bytes.Take(Math.Max(sizes[run], encoding?.Preamble.Length ?? 0)).ToArray();
            int mark = encoding?.Preamble.Length ?? 0;
            var expected = (encoding ?? Encoding.UTF8).GetString(all, mark, all.Length - mark);

            var path = _dir.P($"soup-{run}.txt");
            File.WriteAllBytes(path, all);
            Assert.True(expected == UserFile.RuleFile.ReadText(path), $"file of {all.Length} bytes, {encoding?.WebName ?? "no mark"}");
            Assert.True(expected == Fifo.Read(_dir.P($"soup-{run}.pipe"), all, UserFile.RuleFile.ReadText), $"pipe of {all.Length} bytes, {encoding?.WebName ?? "no mark"}");
        }
    }

    [Fact]
    public void A_3_GB_header_spec_is_refused_as_a_header_spec_naming_the_file_and_the_limit()
    {
        var huge = Sparse("huge.script", 3L << 30);
        var ex = RefusedWithLittleMemory(() => HeaderSpecs.Resolve(huge));
        Assert.Equal($"{huge}:1:1: the header spec is 3221225472 bytes; header specs above 16 MiB are refused", ex.Message);
        Assert.Contains("header specs above 16 MiB are refused", Assert.Single(HeaderSpecs.Check(huge)).Message);
    }
}
