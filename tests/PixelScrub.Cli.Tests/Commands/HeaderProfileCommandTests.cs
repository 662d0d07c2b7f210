using PixelScrub.Dicom;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>`clean --header ps3.15-basic...` and deid recipes from the command line; `header show` on both.</summary>
public sealed class HeaderProfileCommandTests : IDisposable
{
    private const string Key = "cli-test-key-0123456789";
    private readonly TempFolder _root = new("pixelscrub-cli-profile-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_profile_without_a_key_or_with_a_bad_option_exits_2_before_any_file_is_touched()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var output = Path.Combine(_root, "out");
        var (code, _, err) = CliRunner.Run("clean", input, "--out", output, "--header", "ps3.15-basic");
        Assert.Equal(2, code);
        Assert.Contains("needs a mapping key", err);
        Assert.False(Directory.Exists(output));
        (code, _, err) = CliRunner.Run("clean", input, "--out", output, "--header", "ps3.15-basic+retain-everything", "--param", "key=" + Key);
        Assert.Equal(2, code);
        Assert.Contains("unknown option", err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Clean_with_the_profile_rewrites_every_output_and_never_writes_the_key()
    {
        var input = Path.Combine(_root, "in");
        DemoSamples.Write(input);
        var output = Path.Combine(_root, "out");
        var (code, stdout, err) = CliRunner.Run("clean", input, "--out", output, "--text", "off", "--header", "ps3.15-basic+retain-longitudinal-modified-dates", "--param", "key=" + Key);
        Assert.True(code is 0, err + stdout);
        var written = Directory.EnumerateFiles(output, "*.dcm", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(written);
        foreach (var f in written)
        {
            using var d = DicomFile.Open(f);
            Assert.Equal("YES", d.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
            Assert.StartsWith("2.25.", d.Dataset.GetString(new DicomTag(0x0008, 0x0018)));
        }

        foreach (var f in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f)));
        }

        Assert.DoesNotContain(Key, stdout + err);
    }

    [Fact]
    public void Header_show_prints_the_resolved_profile_and_a_deid_recipe()
    {
        var (code, stdout, err) = CliRunner.Run("header", "show", "ps3.15-basic+retain-uids", "--param", "key=" + Key);
        Assert.True(code == 0, err);
        Assert.Contains("(0010,0010) Patient's Name", stdout);
        Assert.Contains("(0020,000D) Study Instance UID", stdout);
        Assert.DoesNotContain(Key, stdout);

        var recipe = Path.Combine(_root, "r.dicom");
        File.WriteAllText(recipe, "FORMAT dicom\n%header\nREMOVE startswith:Patient\nADD PatientIdentityRemoved YES\n");
        (code, stdout, err) = CliRunner.Run("header", "show", recipe);
        Assert.True(code == 0, err);
        Assert.Contains("startswith:Patient", stdout);
        Assert.Contains("REMOVE", stdout);

        File.WriteAllText(recipe, "FORMAT dicom\n%header\nREPLACE PatientName func:pusheenize\n");
        (code, _, err) = CliRunner.Run("header", "show", recipe);
        Assert.Equal(2, code);
        Assert.Contains($"{recipe}:3:21", err);
    }
}
