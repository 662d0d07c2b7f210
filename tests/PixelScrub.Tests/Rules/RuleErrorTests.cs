using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Rules;

/// <summary>
/// Done means 4: broken rule files are refused at load time with file, line and column and what was
/// expected; `rules check` lists every error; evaluation never throws; no input hangs the parsers.
/// </summary>
public class RuleErrorTests
{
    [Theory]
    // CTP pixel scripts
    [InlineData("sig\n{ Modality.equals(\"CT\") (0,0,1,1)\n", 2, 1, "'{' is never closed")]
    [InlineData("text } more\n{ true. } (0,0,1,1)", 1, 6, "'}' without a matching '{'")]
    [InlineData("{ Modality.equals(\"CT) }\n(0,0,1,1)", 1, 19, "unterminated string")]
    [InlineData("{ Modality.equals(\"CT\") { Rows.equals(\"1\") }", 1, 25, "'{' inside the signature")]
    [InlineData("{ Modality.equal(\"CT\") } (0,0,1,1)", 1, 12, "unknown method 'equal'")]
    [InlineData("{ Modalty.equals(\"CT\") } (0,0,1,1)", 1, 3, "unknown keyword 'Modalty'")]
    [InlineData("{ Modality.matches(\"[\") } (0,0,1,1)", 1, 21, "bad regular expression")]
    [InlineData("{ true. }\n  (0,0,512)", 2, 4, "malformed region '(0,0,512)'")]
    [InlineData("{ true. } (0,0,a,1)", 1, 12, "malformed region")]
    [InlineData("{ true. } (0,0,-5,1)", 1, 12, "negative width or height")]
    [InlineData("{ true. } (0,0,5,1", 1, 11, "not closed on its line")]
    [InlineData("{ }", 1, 3, "expected an expression")]
    [InlineData("{ Rows.isLessThan(\"many\") } (0,0,1,1)", 1, 20, "isLessThan needs a number")]
    [InlineData("{ [0028[CREATOR]10].equals(\"x\") } (0,0,1,1)", 1, 4, "is not private")]
    [InlineData("{ [0028,00x0].equals(\"x\") } (0,0,1,1)", 1, 4, "expected [gggg,eeee]")]
    // CTP filter expressions
    [InlineData("(Modality.equals(\"CT\")\n * Rows.equals(\"1\")", 2, 20, "expected ')' to close the '(' at 1:1")]
    [InlineData("Modality.equals(\"CT\"))", 1, 22, "')' without a matching '('")]
    [InlineData("Modality.equals(\"CT\") Rows.equals(\"1\")", 1, 23, "expected '*', '+' or the end")]
    [InlineData("Modality.equals(\"CT\") *", 1, 24, "the expression ended")]
    [InlineData("Modality", 1, 9, "expected '.' and a method")]
    [InlineData("Modality.equals(CT)", 1, 17, "expected a quoted argument")]
    [InlineData("Modality.equals(\"CT\"", 1, 21, "expected ')' after the argument")]
    [InlineData("true", 1, 5, "expected '.' after 'true'")]
    [InlineData("& true.", 1, 1, "unexpected '&'")]
    // deid recipes
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  contain Modality CT", 4, 3, "unknown criterion 'contain'")]
    [InlineData("FORMAT dicom\n%filters g", 2, 1, "unknown section '%filters'")]
    [InlineData("FORMAT dicom\n%filter\nLABEL x\n  present Modality", 2, 1, "%filter needs a name")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  present Modality\n  coordinates 0,0,10", 5, 15, "malformed coordinates '0,0,10'")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  ctpcoordinates 0,0,-10,10", 4, 18, "negative width or height")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  coordinates", 4, 14, "needs a region")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  keepcoordinates from:", 4, 24, "needs a field")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  contains Modality (CT", 4, 21, "bad regular expression '(CT'")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  contains Modality", 4, 20, "needs a value")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  + equals", 4, 11, "'equals' needs a field and a value")]
    [InlineData("FORMAT dicom\n%filter graylist\n  contains Modality CT", 3, 3, "expected LABEL")]
    [InlineData("FORMAT nifti\n%filter g", 1, 8, "unsupported FORMAT 'nifti'")]
    [InlineData("FORMAT dicom\n%filter graylist\nLABEL x\n  missing Modality CT", 4, 20, "takes only a field")]
    [InlineData("FORMAT dicom\ncontains Modality CT", 2, 1, "expected FORMAT, a %section")]
    public void Load_refuses_with_file_line_and_column(string text, int line, int column, string message)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Parse(text, "bad.rules"));
        Assert.Equal("bad.rules", ex.RuleFile);
        Assert.Contains(message, ex.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"bad.rules:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_every_error_not_only_the_first()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pixelscrub-check-{Environment.ProcessId}.script");
        File.WriteAllText(path, "a\n{ Modalty.equals(\"CT\") } (0,0,1,1)\nb\n{ Rows.equl(\"1\") } (0,0,1,1)\nc\n{ true. } (1,2,3)\n");
        try
        {
            var errors = RuleSet.Check(path).Where(d => d.Severity == RuleSeverity.Error).ToArray();
            Assert.Equal([(2, 3), (4, 8), (6, 12)], errors.Select(e => (e.Line, e.Column)));
            Assert.All(errors, e => Assert.Equal(path, e.File));
            var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Load(path));
            Assert.Contains("and 2 more error(s)", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_pattern_that_matches_everything_is_warned_about()
    {
        var set = RuleSet.Parse("FORMAT dicom\n%filter graylist\nLABEL x\n  contains Modality CT || bogus X\n", "w.dicom");
        var warning = Assert.Single(set.Diagnostics, d => d.Severity == RuleSeverity.Warning);
        Assert.Equal((4, 21), (warning.Line, warning.Column));
        Assert.Contains("matches empty text", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_times_out_quarantines_instead_of_passing()
    {
        // Catastrophic backtracking on a long value: bounded by the match timeout, never a hang or a pass.
        var set = RuleSet.Parse("FORMAT dicom\n%filter whitelist\nLABEL x\n  contains SeriesDescription ^(a+)+$\n", "slow.dicom");
        var d = set.Detect(new FakeHeader().Set("SeriesDescription", new string('a', 5000) + "!"));
        Assert.Equal(Decision.Quarantine, d.Decision);
        Assert.Contains("timed out", d.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(Decision.Pass, set.Detect(new FakeHeader().Set("SeriesDescription", "aaa")).Decision);
    }

    [Theory]
    [InlineData('(', ')')]
    [InlineData('!', ' ')]
    public void Deeply_nested_ctp_expression_is_an_error_with_line_and_column_not_a_stack_overflow(char open, char close)
    {
        int count = open == '(' ? 20_000 : 40_000;
        string expression = "\n  " + new string(open, count) + "Modality.equals(\"CT\")" + (close == ' ' ? "" : new string(close, count));
        foreach (var text in new[] { expression, "sig\n{ " + expression + " } (0,0,1,1)\n" })
        {
            var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Parse(text, "deep.script"));
            Assert.Contains("nested deeper than", ex.Message);
            Assert.Equal(text.StartsWith("sig", StringComparison.Ordinal) ? 3 : 2, ex.Line);
            Assert.Equal(3 + PixelScrub.Rules.Ctp.CtpExpressionParser.MaxDepth, ex.Column);
        }

        // nesting up to the limit loads, evaluates and round-trips
        int ok = PixelScrub.Rules.Ctp.CtpExpressionParser.MaxDepth;
        string allowed = new string(open, ok) + "Modality.equals(\"CT\")" + (close == ' ' ? "" : new string(close, ok));
        var set = RuleSet.Parse(allowed, "ok.script");
        bool expected = open == '(' || ok % 2 == 0;
        Assert.Equal(expected ? Decision.Pass : Decision.Quarantine, set.Detect(new FakeHeader().Set("Modality", "CT")).Decision);
        Assert.Equal(RuleModelDump.Of(set), RuleModelDump.Of(RuleSet.Parse(set.Show(), "ok.script")));
    }

    [Fact]
    public void Rule_file_above_the_size_limit_is_refused_without_reading_it()
    {
        var dir = Directory.CreateTempSubdirectory("pixelscrub-bigrules-").FullName;
        try
        {
            // a 3 GB sparse file: reading it whole would need gigabytes of memory
            var path = Path.Combine(dir, "huge.dicom");
            using (var fs = new FileStream(path, FileMode.CreateNew)) fs.SetLength(3L << 30);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Load(path));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
            Assert.Equal(path, ex.RuleFile);
            Assert.Equal((1, 1), (ex.Line, ex.Column));
            Assert.Contains("3221225472 bytes; rule files above 16 MiB are refused", ex.Message);
            var diagnostic = Assert.Single(RuleSet.Check(path));
            Assert.Equal(RuleSeverity.Error, diagnostic.Severity);
            Assert.Contains("above 16 MiB", diagnostic.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Unknown_filter_group_is_refused_naming_the_groups_the_policy_knows()
    {
        const string text = "FORMAT dicom\n%filter graylist\nLABEL a\n  present Modality\n%filter  graylsit\nLABEL b\n  present Rows\n";
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Parse(text, "typo.dicom"));
        Assert.Equal((5, 10), (ex.Line, ex.Column));
        Assert.Contains("unknown %filter group 'graylsit'", ex.Message);
        Assert.Contains("pass groups (whitelist)", ex.Message);
        Assert.Contains("flag groups (blacklist, graylist, greylist)", ex.Message);

        // declared as a flag group, it loads and flags
        var set = RuleSet.Parse(text, "typo.dicom", DecisionPolicy.Default.WithFlagGroups(["graylsit"]));
        Assert.Equal(["graylist", "graylsit"], set.Files[0].Groups.Select(g => g.Name));
    }

    [Fact]
    public void A_missing_rule_file_is_a_rule_error_naming_the_file()
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Load("/nonexistent/rules.dicom"));
        Assert.Equal("/nonexistent/rules.dicom", ex.RuleFile);
        Assert.Single(RuleSet.Check("/nonexistent/rules.dicom"));
    }

    [Fact]
    public void Evaluation_never_throws_on_odd_headers()
    {
        var sets = new[]
        {
            RuleSet.Load(SharedFiles.Rules("ctp/DicomPixelAnonymizer.script")),
            RuleSet.Load(SharedFiles.Rules("ctp/BurnedInPixelsFilter.script")),
            RuleSet.Load(SharedFiles.Rules("deid/deid.dicom")),
            RuleSet.Load(SharedFiles.Rules("deid/deid.dicom.ultrasound")),
            RuleSet.Defaults,
        };
        var random = new Random(20261121);
        string[] odd = ["", " ", "\\", "-", "1e999", "NaN", "-2147483649", new string('A', 10_000), "((((((((((", "\0", "YES", "US", "768", "1024"];
        string[] keywords = ["Modality", "Manufacturer", "ManufacturerModelName", "Rows", "Columns", "ImageType", "SeriesDescription", "BurnedInAnnotation", "WindowWidth", "CodeMeaning"];
        for (int i = 0; i < 300; i++)
        {
            var h = new FakeHeader();
            foreach (var k in keywords)
            {
                int n = random.Next(4);
                if (n == 0) continue;
                h.Set(k, Enumerable.Range(0, n - 1).Select(_ => odd[random.Next(odd.Length)]).ToArray());
            }

            if (random.Next(2) == 0)
            {
                var item = new FakeHeader();
                foreach (var k in new[] { "RegionLocationMinX0", "RegionLocationMinY0", "RegionLocationMaxX1", "RegionLocationMaxY1" })
                {
                    if (random.Next(5) > 0) item.Set(k, odd[random.Next(odd.Length)]);
                }

                h.AddItem("SequenceOfUltrasoundRegions", item);
            }

            foreach (var set in sets)
            {
                var d = set.Detect(h);
                Assert.Equal(d.Matches.Count > 0, d.Flagged);
                _ = DetectionJson.ToJson("f", d);
                _ = d.BuildMask();
            }
        }
    }

    [Fact]
    public void Mutated_rule_files_either_load_or_throw_rule_errors()
    {
        var random = new Random(7);
        var sources = new[] { "ctp/DicomPixelAnonymizer.script", "ctp/BurnedInPixelsFilter.script", "deid/deid.dicom", "deid-tests/keepcoordinates_from.dicom" }
            .Select(p => File.ReadAllText(SharedFiles.Rules(p))).ToArray();
        const string alphabet = "{}()[]\"*+!|,.:-#%\n 0123456789abcLABELcontains";
        for (int i = 0; i < 400; i++)
        {
            var chars = sources[i % sources.Length].ToCharArray().ToList();
            for (int m = 0; m < 1 + random.Next(4); m++)
            {
                int at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            string text = new(chars.ToArray());
            try
            {
                var set = RuleSet.Parse(text, "mutated");
                _ = set.Detect(new FakeHeader().Set("Modality", "US").Set("Rows", "768").Set("Columns", "1024"));
                _ = RuleSet.Parse(set.Show(), "mutated"); // what loads also round-trips
            }
            catch (RuleSyntaxException ex)
            {
                Assert.True(ex.Line >= 1 && ex.Column >= 1, ex.Message);
            }
        }
    }
}
