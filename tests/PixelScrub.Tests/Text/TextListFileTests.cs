using PixelScrub.Tests.Rules;
using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

public sealed class TextListFileTests
{
    [Fact]
    public void User_allow_list_replaces_the_built_in_one()
    {
        var allow = TextAllowList.Parse("# mine\nLIVER\nre: SEG[0-9]\n", "mine.txt");
        var judge = new PhiJudge(new TextJudgeOptions { Allow = allow });
        Assert.Equal(TextVerdictKind.Allowed, judge.JudgeText("Liver SEG4 12", null).Kind);
        Assert.Equal(TextVerdictKind.Unknown, judge.JudgeText("MI 0.8", null).Kind); // not in this list
        Assert.Equal(TextVerdictKind.Allowed, PhiJudge.Default.JudgeText("MI 0.8", null).Kind);
    }

    [Fact]
    public void Phi_wins_over_the_allow_list()
    {
        var allow = TextAllowList.Parse("DOE\nJANE\n", "mine.txt");
        var judge = new PhiJudge(new TextJudgeOptions { Allow = allow });
        Assert.Equal(TextVerdictKind.Phi, judge.JudgeText("DOE JANE", new FakeHeader().Set("PatientName", "DOE^JANE")).Kind);
    }

    [Fact]
    public void User_patterns_replace_the_built_in_ones()
    {
        var patterns = TextPatterns.Parse("# mine\nward  \\bWARD [0-9]+\\b\n", "p.txt");
        var judge = new PhiJudge(new TextJudgeOptions { Patterns = patterns });
        Assert.Equal(TextVerdict.Phi("pattern:ward"), judge.JudgeText("ward 12", null));
        Assert.NotEqual(TextVerdictKind.Phi, judge.JudgeText("01/31/1970", null).Kind);
    }

    [Fact]
    public void Files_load_from_disk()
    {
        string dir = Directory.CreateTempSubdirectory("phi-lists").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "FOO\n");
            File.WriteAllText(Path.Combine(dir, "p.txt"), "bar BAR[0-9]\n");
            Assert.Equal(1, TextAllowList.Load(Path.Combine(dir, "a.txt")).Count);
            Assert.Equal(1, TextPatterns.Load(Path.Combine(dir, "p.txt")).Count);
            var ex = Assert.Throws<RuleSyntaxException>(() => TextAllowList.Load(Path.Combine(dir, "missing.txt")));
            Assert.Contains("missing.txt", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("\n\nbad (unclosed", 3, 5)]
    [InlineData("onlyname", 1, 1)]
    [InlineData("  x (?<=a)b", 1, 5)] // lookbehind: not supported without backtracking
    public void Pattern_errors_name_line_and_column(string text, int line, int column)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => TextPatterns.Parse(text, "p.txt"));
        Assert.Equal("p.txt", ex.RuleFile);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Theory]
    [InlineData("two words", 1, 1)]
    [InlineData("ok\nre:", 2, 4)]
    [InlineData("re: [", 1, 5)]
    public void Allow_list_errors_name_line_and_column(string text, int line, int column)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => TextAllowList.Parse(text, "a.txt"));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void Built_in_lists_load()
    {
        Assert.True(TextAllowList.Default.Count > 50);
        Assert.True(TextPatterns.Default.Count >= 8);
    }
}
