using System.Globalization;
using System.Text.RegularExpressions;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Commands;

/// <summary>
/// `clean` reads the text in the pixels by default (`--text verify`), through the OCR worker this test host starts; these
/// tests need Tesseract (Debian: tesseract-ocr-eng libtesseract5) and fail without it.
/// </summary>
public sealed class CleanTextDefaultTests : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-textdefault-");

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// The Siemens ultrasound with its patient name, accession number and institution burned in, and a rule file with no
    /// rule (nothing cleans it, so rules alone would pass it), and a plain CT beside it.
    /// </summary>
    private (string Input, string Rules) Setup()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        File.Copy(SharedFiles.Corpus("deid-data/ultrasounds/RGB_IMAGE.dcm"), Path.Combine(input, "us.dcm"));
        File.Copy(SharedFiles.Corpus("pydicom/CT_small.dcm"), Path.Combine(input, "ct.dcm"));
        var rules = Path.Combine(_root, "no-rules.dicom");
        File.WriteAllText(rules, "FORMAT dicom\n");
        return (input, rules);
    }

    [Fact]
    public void By_default_a_file_with_the_patient_name_burned_in_and_no_rule_is_quarantined_for_residual_PHI_text()
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "out");
        var (code, stdout, err) = CliRunner.Run("clean", input, "--out", output, "--rules", rules);
        Assert.True(code == 0, err + stdout);

        Assert.False(File.Exists(Path.Combine(output, "us.dcm")));
        string sidecar = File.ReadAllText(Path.Combine(output + ".quarantine", "us.dcm.json"));
        Assert.Contains("residual PHI text", sidecar);
        Assert.Contains("\"match\":\"PatientName\"", sidecar);
        // The plain CT is not read (triage) and passes as it is.
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct.dcm")), File.ReadAllBytes(Path.Combine(output, "ct.dcm")));
    }

    [Fact]
    public void With_text_off_the_same_file_passes_on_the_rules_alone()
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "out");
        var (code, stdout, err) = CliRunner.Run("clean", input, "--out", output, "--rules", rules, "--text", "off");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "us.dcm")), File.ReadAllBytes(Path.Combine(output, "us.dcm")));
        Assert.False(Directory.Exists(output + ".quarantine"));
    }

    /// <summary>
    /// The CLI's side (the library's is ResumeTests): `clean` without --text runs as --text verify does (a rerun with it
    /// finds the files done), not as --text off.
    /// </summary>
    [Fact]
    public void Clean_without_text_is_text_verify_to_a_rerun_and_text_off_redoes_the_files()
    {
        var input = Path.Combine(_root, "in");
        Directory.CreateDirectory(input);
        File.Copy(SharedFiles.Corpus("pydicom/CT_small.dcm"), Path.Combine(input, "ct.dcm"));
        var output = Path.Combine(_root, "out");
        int Skipped(params string[] text)
        {
            var (code, stdout, err) = CliRunner.Run(["clean", input, "--out", output, .. text]);
            Assert.True(code == 0, err + stdout);
            var row = Regex.Match(stdout, @"skipped \(done before\)\D*(\d+)");
            Assert.True(row.Success, stdout);
            return int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        Assert.Equal(0, Skipped());
        Assert.Equal(1, Skipped("--text", "verify"));   // the default is verify: the same settings as giving it
        Assert.Equal(0, Skipped("--text", "off"));      // done under verify, not under off
    }

    /// <summary>
    /// Without the engine the default never falls back to rules only: the ultrasound is quarantined naming the package,
    /// the plain CT (which triage does not select) still passes.
    /// </summary>
    [Fact]
    public void Without_Tesseract_the_default_quarantines_what_triage_selects_naming_the_package()
    {
        var (input, rules) = Setup();
        var output = Path.Combine(_root, "out");
        var (code, stdout, err) = ChildProcess.PixelScrubWithoutEnglishData(_root, "clean", input, "--out", output, "--rules", rules);
        Assert.True(code == 0, err + stdout);
        Assert.False(File.Exists(Path.Combine(output, "us.dcm")));
        Assert.Contains("apt-get install tesseract-ocr-eng", File.ReadAllText(Path.Combine(output + ".quarantine", "us.dcm.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(input, "ct.dcm")), File.ReadAllBytes(Path.Combine(output, "ct.dcm")));
    }
}
