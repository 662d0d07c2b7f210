using PixelScrub.Deidentification;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Deidentification.Ctp;

/// <summary>Header scripts that do not parse: file:line:column, before any file is touched; every shared script parses.</summary>
public sealed class CtpScriptParserTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-ctp-parse-");

    public void Dispose() => _dir.Dispose();

    private string Write(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".script");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Every_shared_ctp_header_script_parses_without_errors()
    {
        var root = Path.Combine(SharedFiles.Root, "header-rules", "ctp");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 13);
        foreach (var f in files)
        {
            Assert.True(HeaderSpecs.IsHeaderSpecFile(f), f);
            var errors = HeaderSpecs.Check(f).Where(d => d.Severity == PixelScrub.Rules.RuleSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.NotNull(HeaderSpecs.Resolve(f));
        }
    }

    [Fact]
    public void An_unclosed_call_is_reported_at_its_line_and_column()
    {
        var path = Write("<script>\n <p t=\"X\">1</p>\n <e en=\"T\" t=\"00100010\" n=\"PatientName\">@hash(this,10</e>\n</script>\n");
        var ex = Assert.Throws<RuleSyntaxException>(() => HeaderSpecs.Resolve(path));
        Assert.Equal(3, ex.Line);
        Assert.Equal(41, ex.Column); // the "@"
        Assert.Contains("not closed", ex.Message);
        Assert.StartsWith($"{path}:3:41:", ex.Message);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_position()
    {
        var path = Write("<script>\n <e en=\"T\" t=\"00100010\">@remove()</x>\n</script>\n");
        var ex = Assert.Throws<RuleSyntaxException>(() => HeaderSpecs.Resolve(path));
        Assert.Equal(2, ex.Line);
        Assert.Contains("XML", ex.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var code = string.Concat(Enumerable.Repeat("@if(this,isblank){", 5000)) + "x" + new string('}', 5000);
        var path = Write($"<script>\n<e en=\"T\" t=\"00100010\">{code}</e>\n</script>\n");
        var ex = Assert.Throws<RuleSyntaxException>(() => HeaderSpecs.Resolve(path));
        Assert.Contains("nested more than 32", ex.Message);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Functions_PixelScrub_does_not_run_are_errors_and_unknown_ones_warnings()
    {
        var path = Write("<script>\n<e en=\"T\" t=\"00100010\">@encrypt(this,@KEY)</e>\n<e en=\"T\" t=\"00100020\">@hsh(this)</e>\n</script>\n");
        var diagnostics = HeaderSpecs.Check(path);
        Assert.Contains(diagnostics, d => d.Severity == PixelScrub.Rules.RuleSeverity.Error && d.Line == 2 && d.Message.Contains("@encrypt"));
        Assert.Contains(diagnostics, d => d.Severity == PixelScrub.Rules.RuleSeverity.Warning && d.Line == 3 && d.Message.Contains("@hsh"));
    }

    [Fact]
    public void A_bad_tag_is_an_error()
    {
        var path = Write("<script>\n<e en=\"T\" t=\"0010001\">@remove()</e>\n</script>\n");
        Assert.Contains(HeaderSpecs.Check(path), d => d.Line == 2 && d.Message.Contains("8 hex digits"));
    }

    [Fact]
    public void An_unknown_spec_name_is_a_syntax_error_naming_it() =>
        Assert.Contains("no-such-profile", Assert.Throws<RuleSyntaxException>(() => HeaderSpecs.Resolve("no-such-profile")).Message);
}
