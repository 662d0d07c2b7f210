using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Deidentification;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Deidentification.Ctp;

/// <summary>
/// Whole files through the shared CTP scripts (DicomServiceAnonymizer.script, profiles/DICOM-PS3.15-Basic): elements
/// removed, emptied, kept and added, private groups, overlays, (0012,0064), the rebuilt file meta, files without meta,
/// UN elements, quarantine; outputs parse with dcmdump and gain no dciodvfy errors beyond what the script itself removes.
/// </summary>
public sealed class CtpHeaderAnonymizerTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-ctp-header-");

    public void Dispose() => _dir.Dispose();

    private static string Service => Path.Combine(SharedFiles.Root, "header-rules", "ctp", "DicomServiceAnonymizer.script");
    private static string Basic => Path.Combine(SharedFiles.Root, "header-rules", "ctp", "profiles", "DICOM-PS3.15-Basic");

    private static string Md5Decimal(string s) =>
        new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(s)), isUnsigned: true, isBigEndian: true).ToString();

    private static readonly DicomTag PatientName = new(0x0010, 0x0010), PatientID = new(0x0010, 0x0020), SopInstance = new(0x0008, 0x0018),
        StudyDate = new(0x0008, 0x0020), StudyTime = new(0x0008, 0x0030), Institution = new(0x0008, 0x0080), SopClass = new(0x0008, 0x0016),
        StudyUid = new(0x0020, 0x000D);

    /// <summary>Applies a spec to a file and returns the written output read back (and its path).</summary>
    private (DicomFile Out, string Path, HeaderResult Result) Run(string spec, string input, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var anonymizer = HeaderSpecs.Resolve(spec, new HeaderSettings { Parameters = parameters ?? new Dictionary<string, string>() });
        using var file = DicomFile.Open(input);
        var result = anonymizer.Apply(file, new HeaderContext());
        Assert.True(result.IsDone, result.Reason);
        var dest = System.IO.Path.Combine(_dir, System.IO.Path.GetFileName(input) + "." + Guid.NewGuid().ToString("N")[..6] + ".dcm");
        DicomWriter.WriteFile(file, dest);
        return (DicomFile.Open(dest), dest, result);
    }

    [Fact]
    public void DicomServiceAnonymizer_on_CT_small_hashes_shifts_removes_empties_keeps_and_adds()
    {
        var input = CorpusFiles.PathOf("pydicom/CT_small.dcm");
        using var original = DicomFile.Open(input);
        var (o, path, result) = Run(Service, input);
        using var output = o;
        var ds = output.Dataset;
        var sopUid = original.Dataset.GetString(SopInstance)!;
        // @hash(this,10) on PatientName and PatientID
        Assert.Equal(Md5Decimal(original.Dataset.GetString(PatientName)!)[..10], ds.GetString(PatientName));
        Assert.Equal(Md5Decimal("1CT1")[..10], ds.GetString(PatientID));
        // @hashuid(@UIDROOT,this), UIDROOT 9999
        Assert.Equal("9999." + Md5Decimal(sopUid), ds.GetString(SopInstance));
        Assert.Equal("9999." + Md5Decimal(original.Dataset.GetString(StudyUid)!), ds.GetString(StudyUid));
        // @hashdate(this,PatientID): 20040119 shifted by -(last four digits of md5("1CT1")) mod 3650 = -2604 days
        Assert.Equal("19961202", ds.GetString(StudyDate));
        // @empty() StudyTime, Manufacturer; @remove() InstitutionName
        Assert.True(ds.Contains(StudyTime) && ds.GetString(StudyTime) == "");
        Assert.Equal("", ds.GetString(new DicomTag(0x0008, 0x0070)));
        Assert.False(ds.Contains(Institution));
        // @keep(): SOP Class UID unchanged; group 0028 kept
        Assert.Equal(original.Dataset.GetString(SopClass), ds.GetString(SopClass));
        Assert.Equal(original.Dataset.GetString(new DicomTag(0x0028, 0x0010)), ds.GetString(new DicomTag(0x0028, 0x0010)));
        // <r t="privategroups">: every private element of CT_small (groups 0009, 0019, 0043 ...) is gone
        Assert.Contains(original.Dataset, e => e.Tag.IsPrivate);
        Assert.DoesNotContain(ds, e => e.Tag.IsPrivate);
        // PatientIdentityRemoved "YES" without @always(): not added (CTP inserts only @always() scripts)
        Assert.False(ds.Contains(DeidentificationMarks.PatientIdentityRemoved));
        // file meta rebuilt: (0002,0003) is the new SOP Instance UID, the transfer syntax kept
        Assert.Equal(ds.GetString(SopInstance), output.Meta.GetString(DicomTag.MediaStorageSOPInstanceUID));
        Assert.Equal(original.TransferSyntax.Uid, output.TransferSyntax.Uid);
        Assert.True(result.Removed > 10 && result.Replaced > 5 && result.Emptied >= 2);
        // no original value left in the output bytes
        var bytes = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        Assert.DoesNotContain(sopUid, bytes);
        Assert.DoesNotContain("JFK IMAGING", bytes);
        Assert.DoesNotContain("CompressedSamples", bytes);
    }

    [Fact]
    public void Basic_profile_adds_marks_code_item_and_removes_overlays_and_private_groups()
    {
        var input = CorpusFiles.PathOf("pydicom/examples_overlay.dcm");
        using var original = DicomFile.Open(input);
        Assert.Contains(original.Dataset, e => (e.Tag.Group & 0xFF00) == 0x6000);
        var (o, _, _) = Run(Basic, input);
        using var output = o;
        var ds = output.Dataset;
        Assert.DoesNotContain(ds, e => (e.Tag.Group & 0xFF00) == 0x6000);
        Assert.DoesNotContain(ds, e => e.Tag.IsPrivate);
        Assert.Equal("YES", ds.GetString(DeidentificationMarks.PatientIdentityRemoved));
        Assert.Contains("Per DICOM PS 3.15 AnnexE. Details in 0012,0064", ds.GetString(DeidentificationMarks.DeidentificationMethod));
        var items = ds.GetItems(DeidentificationMarks.DeidentificationMethodCodeSequence)!;
        Assert.Single(items);
        Assert.Equal("113100", items[0].GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal("DCM", items[0].GetString(new DicomTag(0x0008, 0x0102)));
        Assert.Equal("Basic Application Confidentiality Profile", items[0].GetString(new DicomTag(0x0008, 0x0104)));
        // @hash(this, 64) PatientName: all digits
        Assert.Equal(Md5Decimal(original.Dataset.GetString(PatientName) ?? ""), ds.GetString(PatientName));
        Assert.Equal(("1.3.6.1.4.1.14519.5.2.1.9999.9999." + Md5Decimal(original.Dataset.GetString(SopInstance)!))[..64], ds.GetString(SopInstance));
    }

    [Fact]
    public void Param_overrides_a_script_parameter()
    {
        var input = CorpusFiles.PathOf("pydicom/CT_small.dcm");
        var (o, _, _) = Run(Service, input, new Dictionary<string, string> { ["UIDROOT"] = "1.2.3" });
        using var output = o;
        Assert.StartsWith("1.2.3.", output.Dataset.GetString(SopInstance));
    }

    [Fact]
    public void Passed_pixel_cleaning_adds_113101_and_burned_in_annotation_no()
    {
        var anonymizer = HeaderSpecs.Resolve(Basic);
        using var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        Assert.True(anonymizer.Apply(file, new HeaderContext { PixelsCleaned = true }).IsDone);
        var codes = file.Dataset.GetItems(DeidentificationMarks.DeidentificationMethodCodeSequence)!.Select(i => i.GetString(new DicomTag(0x0008, 0x0100))).ToList();
        Assert.Equal(["113100", "113101"], codes);
        Assert.Equal("NO", file.Dataset.GetString(DeidentificationMarks.BurnedInAnnotation));
    }

    [Fact]
    public void A_file_without_meta_is_written_with_meta_in_explicit_vr_little_endian()
    {
        using var source = DicomFile.Open(CorpusFiles.PathOf("pydicom/MR_small_implicit.dcm"));
        var raw = Path.Combine(_dir, "raw.dcm");
        using (var s = File.Create(raw))
        {
            // the dataset alone, implicit VR little endian, no preamble and no meta
            source.Preamble = null;
            source.Meta.RemoveAll(_ => true);
            DicomWriter.Write(source, s);
        }

        using (var check = DicomFile.Open(raw)) Assert.True(check.TransferSyntaxDetected);
        var (o, path, _) = Run(Service, raw);
        using var output = o;
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian.Uid, output.TransferSyntax.Uid);
        Assert.Equal(output.Dataset.GetString(SopInstance), output.Meta.GetString(DicomTag.MediaStorageSOPInstanceUID));
        var dump = ReferenceTool.Run("dcmdump", ["-q", path]);
        Assert.True(dump.ExitCode == 0, dump.StdErr);
    }

    [Fact]
    public void An_element_read_as_UN_gets_its_new_value_not_the_old_one()
    {
        using var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        file.Dataset.Set(new DicomElement(PatientName, DicomVR.UN, ElementValue.FromBytes(Encoding.ASCII.GetBytes("Doe^John"))));
        var result = HeaderSpecs.Resolve(Service).Apply(file, new HeaderContext());
        Assert.True(result.IsDone, result.Reason);
        var e = file.Dataset.Get(PatientName)!;
        Assert.Equal(DicomVR.PN, e.VR);
        Assert.Equal(Md5Decimal("Doe^John")[..10], file.Dataset.GetString(PatientName));
    }

    private string Script(string body)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".script");
        File.WriteAllText(path, $"<script>\n<p t=\"UIDROOT\">1.2</p>\n{body}\n</script>\n");
        return path;
    }

    [Fact]
    public void Quarantine_lookup_without_table_and_a_value_that_does_not_fit_its_VR_quarantine_naming_the_element()
    {
        foreach (var (body, expected) in new[]
        {
            ("<e en=\"T\" t=\"00100010\">@quarantine()</e>", "(0010,0010) PatientName: the script says @quarantine()"),
            ("<e en=\"T\" t=\"00100020\">@lookup(this,ptid)</e>", "(0010,0020) PatientID: @lookup failed"),
            ("<e en=\"T\" t=\"00080020\">not a date</e>", "(0008,0020) StudyDate: new value \"not a date\" does not fit VR DA"),
        })
        {
            using var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
            var result = HeaderSpecs.Resolve(Script(body)).Apply(file, new HeaderContext());
            Assert.Equal(HeaderOutcome.Quarantine, result.Outcome);
            Assert.StartsWith(expected, result.Reason);
        }
    }

    [Fact]
    public void Lookup_reads_ctp_lookup_tables_and_require_and_always_insert()
    {
        var table = Path.Combine(_dir, "lookup.properties");
        File.WriteAllText(table, "# CTP lookup table\nptid/1CT1 = @ptid/alias\nptid/alias: SUBJ-01\n");
        var script = Script("<e en=\"T\" t=\"00100020\">@lookup(this,ptid)</e>\n<e en=\"T\" t=\"00100021\">@always()@require(PatientID,X)</e>\n" +
            "<e en=\"T\" t=\"00120062\">@always()YES</e>\n<e en=\"T\" t=\"00100030\">@if(this,isblank){@remove()}{Removed}</e>");
        var anonymizer = HeaderSpecs.Resolve(script, new HeaderSettings { LookupTablePath = table });
        using var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        var result = anonymizer.Apply(file, new HeaderContext());
        Assert.True(result.IsDone, result.Reason);
        Assert.Equal("SUBJ-01", file.Dataset.GetString(PatientID));
        Assert.Equal("1CT1", file.Dataset.GetString(new DicomTag(0x0010, 0x0021))); // @require copies the original PatientID
        Assert.Equal("YES", file.Dataset.GetString(DeidentificationMarks.PatientIdentityRemoved));
    }

    [Fact]
    public void Process_enters_sequences_and_select_picks_the_item_clause()
    {
        // test-SR holds UIDs inside sequences: with @process() on them the items are walked with the same table
        var script = Script("<e en=\"T\" t=\"0040a730\">@process()</e>\n<e en=\"T\" t=\"0040a375\">@process()</e>\n<e en=\"T\" t=\"00081199\">@process()</e>\n<e en=\"T\" t=\"00081115\">@process()</e>\n" +
            "<e en=\"T\" t=\"00081155\">@select(){@keep()}{@hashuid(@UIDROOT,this)}</e>\n<e en=\"T\" t=\"0020000d\">@hashuid(@UIDROOT,this)</e>");
        using var original = DicomFile.Open(CorpusFiles.PathOf("pydicom/test-SR.dcm"));
        using var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/test-SR.dcm"));
        Assert.True(HeaderSpecs.Resolve(script).Apply(file, new HeaderContext()).IsDone);
        static IEnumerable<string> Referenced(DicomDataset ds) => ds.SelectMany(e => e is DicomSequence sq
            ? sq.Items.SelectMany(Referenced)
            : e.Tag == new DicomTag(0x0008, 0x1155) ? [ds.GetString(e.Tag)!] : []);
        var before = Referenced(original.Dataset).ToList();
        var after = Referenced(file.Dataset).ToList();
        Assert.NotEmpty(before);
        // The first reference is inside PredecessorDocumentsSequence (0040,A360), which the script does not @process():
        // kept whole, as CTP does (header show warns about it). The others are in processed sequences and hashed.
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before.Skip(1).Select(u => "1.2." + Md5Decimal(u)), after.Skip(1));
        Assert.True(after.Count > 3);
    }

    [Fact]
    public void TCIA_Basic_quarantines_without_a_lookup_table_as_CTP_does_and_runs_with_one()
    {
        var tcia = Path.Combine(SharedFiles.Root, "header-rules", "ctp", "profiles", "TCIA-Basic");
        using (var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm")))
        {
            // The profile's unedited placeholder "Enter Body Part Examined from Wiki" does not fit CS (CTP writes it).
            var result = HeaderSpecs.Resolve(tcia).Apply(file, new HeaderContext());
            Assert.Equal(HeaderOutcome.Quarantine, result.Outcome);
            Assert.StartsWith("(0018,0015) BodyPartExamined: new value", result.Reason);
        }

        var bodyPart = new Dictionary<string, string> { ["BODYPART"] = "CHEST", ["UIDROOT"] = "2.25", ["DATEINC"] = "-100" };
        using (var file = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm")))
        {
            // @lookup(PatientID,ptid) without a table: quarantined, as CTP does (122 of 131 files in its run)
            var result = HeaderSpecs.Resolve(tcia, new HeaderSettings { Parameters = bodyPart }).Apply(file, new HeaderContext());
            Assert.Equal(HeaderOutcome.Quarantine, result.Outcome);
            Assert.Contains("@lookup failed", result.Reason);
        }

        var table = Path.Combine(_dir, "tcia.properties");
        File.WriteAllText(table, "ptid/1CT1 = TCIA-0001\n");
        var anonymizer = HeaderSpecs.Resolve(tcia, new HeaderSettings
        {
            LookupTablePath = table,
            Parameters = new Dictionary<string, string> { ["UIDROOT"] = "2.25", ["DATEINC"] = "-100", ["BODYPART"] = "CHEST" },
        });
        using var f = DicomFile.Open(CorpusFiles.PathOf("pydicom/CT_small.dcm"));
        var done = anonymizer.Apply(f, new HeaderContext());
        Assert.True(done.IsDone, done.Reason);
        Assert.Equal("TCIA-0001", f.Dataset.GetString(PatientName));
        Assert.Equal("TCIA-0001", f.Dataset.GetString(PatientID));
        Assert.True(CtpFunctionsProbe.Shift("20040119", -100) == f.Dataset.GetString(StudyDate) || !f.Dataset.Contains(StudyDate));
    }

    private static class CtpFunctionsProbe
    {
        public static string Shift(string date, long days) => DateOnly.ParseExact(date, "yyyyMMdd").AddDays((int)days).ToString("yyyyMMdd");
    }

    [Theory]
    [InlineData("pydicom/CT_small.dcm")]
    [InlineData("pydicom/MR_small_bigendian.dcm")]
    [InlineData("pydicom/examples_overlay.dcm")]
    [InlineData("pydicom/JPEG-lossy.dcm")]
    [InlineData("pydicom/image_dfl.dcm")]
    [InlineData("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm")]
    public void Outputs_parse_with_dcmdump_and_gain_no_dciodvfy_errors_but_for_what_the_script_removes(string relative)
    {
        var input = CorpusFiles.PathOf(relative);
        foreach (var spec in new[] { Service, Basic })
        {
            // DicomServiceAnonymizer's UIDROOT 9999 is not a registered root (dciodvfy says so, for CTP's output too);
            // 2.25 (UUID-derived, PS3.5 B.2) followed by a decimal MD5 is a legal UID.
            var (o, path, _) = Run(spec, input, spec == Service ? new Dictionary<string, string> { ["UIDROOT"] = "2.25" } : null);
            o.Dispose();
            var dump = ReferenceTool.Run("dcmdump", ["-q", path]);
            Assert.True(dump.ExitCode == 0 && !dump.StdErr.Contains("E:"), $"dcmdump fails on {path}: {dump.StdErr}");
            var before = Errors(ReferenceTool.Run("dciodvfy", [input]));
            // Errors about attributes the script itself removes or empties (Type 1/2 elements CTP's scripts drop) are
            // the script's choice, as in CTP; anything else would be ours.
            var added = Errors(ReferenceTool.Run("dciodvfy", [path])).Except(before)
                .Where(l => !l.Contains("Missing attribute", StringComparison.Ordinal) && !l.Contains("Empty attribute", StringComparison.Ordinal)
                    && !l.Contains("zero length", StringComparison.OrdinalIgnoreCase))
                .ToList();
            Assert.True(added.Count == 0, $"dciodvfy reports new errors on {relative} with {Path.GetFileName(spec)}: {string.Join("; ", added)}");
        }
    }

    private static HashSet<string> Errors((int ExitCode, string StdOut, string StdErr) r) =>
        (r.StdOut + "\n" + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Select(l => l.Trim()).ToHashSet();
}
