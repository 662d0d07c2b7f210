using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

public sealed class RulesCommandTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-rules-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Rules_show_of_the_built_in_rules_passes_rules_check_and_shows_the_same_again()
    {
        var (code, shown, err) = CliRunner.Run("rules", "show");
        Assert.True(code == 0, err);
        var file = Path.Combine(_root, "defaults.txt");
        File.WriteAllText(file, shown);

        (code, var stdout, err) = CliRunner.Run("rules", "check", file);
        Assert.True(code == 0, err);
        Assert.Contains("1 file(s) checked, 0 error(s)", stdout);

        // showing the shown rules gives the same rules (only the "from FILE:LINE" comments differ)
        (code, var again, err) = CliRunner.Run("rules", "show", file);
        Assert.True(code == 0, err);
        Assert.Equal(WithoutComments(shown), WithoutComments(again));
    }

    [Fact]
    public void Rules_show_of_a_ctp_script_and_a_deid_recipe_together_keeps_every_label()
    {
        var ctp = SharedFiles.Rules("ctp/DicomPixelAnonymizer.script");
        var deid = SharedFiles.Rules("deid/deid.dicom");
        var (code, shown, err) = CliRunner.Run("rules", "show", ctp, deid);
        Assert.True(code == 0, err);
        var file = Path.Combine(_root, "both.txt");
        File.WriteAllText(file, shown);

        (code, var stdout, err) = CliRunner.Run("rules", "check", file);
        Assert.True(code == 0, err);
        Assert.Contains("0 error(s)", stdout);

        int labels = File.ReadLines(deid).Count(l => l.TrimStart().StartsWith("LABEL ", StringComparison.Ordinal));
        Assert.True(labels > 100);
        (code, var again, err) = CliRunner.Run("rules", "show", file);
        Assert.True(code == 0, err);
        Assert.Equal(labels, again.Split('\n').Count(l => l.StartsWith("LABEL ", StringComparison.Ordinal)));
        Assert.Equal(WithoutComments(shown), WithoutComments(again));
    }

    /// <summary>The shown text without lines that name where a rule came from (file and line differ on a re-show).</summary>
    private static string WithoutComments(string shown) => string.Join('\n', shown.Split('\n').Where(l =>
        !l.StartsWith("# from ", StringComparison.Ordinal) && !l.StartsWith("Signature ", StringComparison.Ordinal) &&
        !l.StartsWith("// CTP filter from ", StringComparison.Ordinal) && !l.StartsWith("#@pixelscrub-rule-file", StringComparison.Ordinal)));
}
