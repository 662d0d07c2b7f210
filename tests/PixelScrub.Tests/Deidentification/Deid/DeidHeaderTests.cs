using PixelScrub.Deidentification;
using PixelScrub.Dicom;
using PixelScrub.Tests.Support;
using Xunit;

namespace PixelScrub.Tests.Deidentification.Deid;

/// <summary>
/// deid %header recipes: one test per action and per field expression, mirroring deid's documented behaviour (its
/// README and examples: the recipes in ../shared/header-rules/deid/ and the %header of ../shared/rules/deid/deid.dicom).
/// </summary>
public sealed class DeidHeaderTests : IDisposable
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag PatientId = new(0x0010, 0x0020);
    private static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    private static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag OperatorsName = new(0x0008, 0x1070);
    private static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    private static readonly DicomTag ReferencedImageSequence = new(0x0008, 0x1140);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    private static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);

    private readonly TempFolder _dir = new("pixelscrub-deid-hdr-");

    public void Dispose() => _dir.Dispose();

    private static DicomFile Sample()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(SopInstanceUid, DicomVR.UI, "1.2.3.4.5");
        ds.SetString(StudyDate, DicomVR.DA, "20200115");
        ds.SetString(AcquisitionDateTime, DicomVR.DT, "20200115101500");
        ds.SetString(StudyTime, DicomVR.TM, "101500");
        ds.SetString(OperatorsName, DicomVR.PN, "Bold^Bread");
        ds.SetString(PatientName, DicomVR.PN, "Cookie^Monster");
        ds.SetString(PatientId, DicomVR.LO, "cookie-47");
        ds.SetString(InstanceNumber, DicomVR.IS, "7");
        ds.SetUInt16(Rows, 8);
        var item = new DicomDataset(false, ds);
        item.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        item.SetString(ReferencedSopInstanceUid, DicomVR.UI, "1.2.3.4.6");
        item.SetString(PatientId, DicomVR.LO, "cookie-47");
        var sq = new DicomSequence(ReferencedImageSequence, DicomVR.SQ, true);
        sq.Items.Add(item);
        ds.Set(sq);
        ds.SetString(new DicomTag(0x0033, 0x0010), DicomVR.LO, "MITRA OBJECT UTF8 ATTRIBUTES 1.0");
        ds.SetString(new DicomTag(0x0033, 0x101E), DicomVR.LO, "secret private");
        ds.SetString(new DicomTag(0x0033, 0x101F), DicomVR.LO, "other private");
        return DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian);
    }

    private string Recipe(string header, string lists = "")
    {
        var path = Path.Combine(_dir, $"recipe{Guid.NewGuid():N}.dicom");
        File.WriteAllText(path, $"FORMAT dicom\n\n{lists}%header\n\n{header}\n");
        return path;
    }

    private static IHeaderAnonymizer Load(string path, params (string, string)[] parameters) =>
        HeaderSpecs.Resolve(path, new HeaderSettings { Parameters = parameters.ToDictionary(p => p.Item1, p => p.Item2) });

    private static DicomFile Run(IHeaderAnonymizer a, DicomFile? file = null)
    {
        file ??= Sample();
        var r = a.Apply(file, new HeaderContext());
        Assert.True(r.IsDone, r.Reason);
        return file;
    }

    private static DicomDataset Item(DicomFile f) => f.Dataset.GetItems(ReferencedImageSequence)![0];

    [Fact]
    public void Add_sets_a_new_element_or_replaces_the_value_of_one_present()
    {
        var f = Run(Load(Recipe("ADD PatientIdentityRemoved YES\nADD PatientName Anonymous\nADD StudyDescription var:desc"), ("desc", "Study 1")));
        Assert.Equal("YES", f.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.Equal("Anonymous", f.Dataset.GetString(PatientName));
        Assert.Equal("Study 1", f.Dataset.GetString(new DicomTag(0x0008, 0x1030)));
        Assert.Equal(DicomVR.CS, f.Dataset.Get(new DicomTag(0x0012, 0x0062))!.VR);
    }

    [Fact]
    public void Blank_empties_a_value_of_any_vr_and_a_sequence()
    {
        var f = Run(Load(Recipe("BLANK PatientName\nBLANK InstanceNumber\nBLANK ReferencedImageSequence")));
        Assert.Equal(0, f.Dataset.Get(PatientName)!.Value.Length);
        Assert.Equal(0, f.Dataset.Get(InstanceNumber)!.Value.Length);
        Assert.Empty(f.Dataset.GetItems(ReferencedImageSequence)!);
    }

    [Fact]
    public void Jitter_shifts_dates_and_date_times_by_days_and_leaves_other_vrs()
    {
        var f = Run(Load(Recipe("JITTER StudyDate -20\nJITTER AcquisitionDateTime var:days\nJITTER StudyTime 5"), ("days", "31")));
        Assert.Equal("20191226", f.Dataset.GetString(StudyDate));
        Assert.Equal("20200215101500", f.Dataset.GetString(AcquisitionDateTime));
        Assert.Equal("101500", f.Dataset.GetString(StudyTime));

        var bad = Sample();
        bad.Dataset.SetString(StudyDate, DicomVR.DA, "2020.01.15");
        var r = Load(Recipe("JITTER StudyDate 1")).Apply(bad, new HeaderContext());
        Assert.False(r.IsDone);
        Assert.Contains("(0008,0020)", r.Reason);
    }

    [Fact]
    public void Keep_protects_fields_from_every_other_action()
    {
        var f = Run(Load(Recipe("KEEP PatientName\nKEEP SOPClassUID\nREMOVE all")));
        Assert.Equal("Cookie^Monster", f.Dataset.GetString(PatientName));
        Assert.Null(f.Dataset.Get(PatientId));
        Assert.Null(f.Dataset.Get(OperatorsName));
        Assert.Equal((ushort)8, (ushort)f.Dataset.GetInteger(Rows)!.Value); // pixel description stays readable
    }

    [Fact]
    public void Remove_deletes_a_field_wherever_its_keyword_occurs()
    {
        var f = Run(Load(Recipe("REMOVE PatientID")));
        Assert.Null(f.Dataset.Get(PatientId));
        Assert.Null(Item(f).Get(PatientId));
        Assert.NotNull(f.Dataset.Get(PatientName));
    }

    [Fact]
    public void Replace_changes_existing_fields_only()
    {
        var f = Run(Load(Recipe("REPLACE PatientID var:id\nREPLACE StudyDescription New"), ("id", "ANON-1")));
        Assert.Equal("ANON-1", f.Dataset.GetString(PatientId));
        Assert.Equal("ANON-1", Item(f).GetString(PatientId));
        Assert.Null(f.Dataset.Get(new DicomTag(0x0008, 0x1030)));
    }

    [Fact]
    public void A_value_that_does_not_fit_the_vr_sends_the_file_to_quarantine()
    {
        var r = Load(Recipe("REPLACE StudyDate yesterday")).Apply(Sample(), new HeaderContext());
        Assert.False(r.IsDone);
        Assert.Contains("(0008,0020)", r.Reason);
        Assert.Contains("DA", r.Reason);
    }

    [Fact]
    public void Startswith_endswith_and_contains_match_the_nested_name_lower_cased()
    {
        var f = Run(Load(Recipe("REMOVE startswith:Patient")));
        Assert.Null(f.Dataset.Get(PatientName));
        Assert.Null(f.Dataset.Get(PatientId));
        Assert.NotNull(Item(f).Get(PatientId)); // its name is ReferencedImageSequence__PatientID

        f = Run(Load(Recipe("REMOVE endswith:ID")));
        Assert.Null(f.Dataset.Get(PatientId));
        Assert.Null(Item(f).Get(PatientId));

        f = Run(Load(Recipe("BLANK contains:UID")));
        Assert.Equal(0, f.Dataset.Get(SopInstanceUid)!.Value.Length);
        Assert.Equal(0, Item(f).Get(ReferencedSopInstanceUid)!.Value.Length);
        Assert.Equal("Cookie^Monster", f.Dataset.GetString(PatientName));
    }

    [Fact]
    public void Except_selects_every_field_the_expression_does_not_match()
    {
        var f = Run(Load(Recipe("REMOVE except:Patient|SOP|Rows")));
        Assert.NotNull(f.Dataset.Get(PatientName));
        Assert.NotNull(f.Dataset.Get(SopInstanceUid));
        Assert.Null(f.Dataset.Get(StudyDate));
        Assert.Null(f.Dataset.Get(OperatorsName));
    }

    [Fact]
    public void All_selects_every_field_including_private_ones()
    {
        var f = Run(Load(Recipe("BLANK all")));
        Assert.Equal(0, f.Dataset.Get(PatientName)!.Value.Length);
        Assert.Equal(0, f.Dataset.Get(new DicomTag(0x0033, 0x101E))!.Value.Length);
        Assert.Equal(8, f.Dataset.GetInteger(Rows));
    }

    [Theory]
    [InlineData("(0010,0010)")]
    [InlineData("(0010, 0010)")]
    [InlineData("0010,0010")]
    [InlineData("00100010")]
    public void Tag_numbers_select_like_keywords(string tag)
    {
        var f = Run(Load(Recipe($"REMOVE {tag}")));
        Assert.Null(f.Dataset.Get(PatientName));
        Assert.NotNull(f.Dataset.Get(PatientId));
    }

    [Fact]
    public void Private_creator_syntax_selects_the_element_in_the_creators_block()
    {
        var f = Run(Load(SharedFiles.Root + "/header-rules/deid/deid.dicom-private-creator-syntax"));
        Assert.Null(f.Dataset.Get(new DicomTag(0x0033, 0x101E)));
        Assert.NotNull(f.Dataset.Get(new DicomTag(0x0033, 0x101F)));

        // The same element in another block (creator at (0033,0011)) is found by its creator, not its number.
        var moved = Sample();
        moved.Dataset.Remove(new DicomTag(0x0033, 0x101E));
        moved.Dataset.SetString(new DicomTag(0x0033, 0x0010), DicomVR.LO, "SOMEONE ELSE");
        moved.Dataset.SetString(new DicomTag(0x0033, 0x0011), DicomVR.LO, "MITRA OBJECT UTF8 ATTRIBUTES 1.0");
        moved.Dataset.SetString(new DicomTag(0x0033, 0x111E), DicomVR.LO, "secret private");
        Run(Load(Recipe("REMOVE (0033,\"MITRA OBJECT UTF8 ATTRIBUTES 1.0\",1E)")), moved);
        Assert.Null(moved.Dataset.Get(new DicomTag(0x0033, 0x111E)));
        Assert.NotNull(moved.Dataset.Get(new DicomTag(0x0033, 0x101F)));
    }

    [Fact]
    public void Values_and_fields_lists_follow_the_groups_example()
    {
        // deid.dicom-groups: %values cookie_names (SPLIT PatientID by "^", minlength 4), operator_names (FIELD
        // startswith:Operator), %fields instance_fields (FIELD contains:Instance).
        var f = Sample();
        f.Dataset.SetString(PatientId, DicomVR.LO, "cook^ie^monster");
        f.Dataset.SetString(new DicomTag(0x0008, 0x1030), DicomVR.LO, "for monster");
        f.Dataset.SetString(new DicomTag(0x0008, 0x103E), DicomVR.LO, "by Bold^Bread");
        var a = Load(SharedFiles.Root + "/header-rules/deid/deid.dicom-groups", ("id", "SUBJ"), ("source_id", "OPERATOR"));
        Run(a, f);
        Assert.Equal("YES", f.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.Equal("SUBJ", f.Dataset.GetString(new DicomTag(0x0008, 0x1030))); // holds "monster" (4+ letters of the ID)
        Assert.Equal("SUBJ", f.Dataset.GetString(PatientId));
        Assert.Equal("OPERATOR", f.Dataset.GetString(new DicomTag(0x0008, 0x103E))); // holds the operator's name
        Assert.Null(f.Dataset.Get(SopInstanceUid)); // contains "Instance"
        Assert.Null(f.Dataset.Get(InstanceNumber));
        Assert.Null(Item(f).Get(ReferencedSopInstanceUid));
    }

    [Fact]
    public void The_example_recipe_takes_its_variables_from_parameters()
    {
        var a = Load(SharedFiles.Root + "/header-rules/deid/deid.dicom.example", ("id", "SUBJ-9"), ("source_id", "1.2.9"));
        var f = Run(a);
        Assert.Equal("SUBJ-9", f.Dataset.GetString(PatientId));
        Assert.Equal("1.2.9", f.Dataset.GetString(SopInstanceUid));
        Assert.Equal("1.2.9", f.Meta.GetString(DicomTag.MediaStorageSOPInstanceUID));
    }

    [Fact]
    public void The_default_deid_header_runs_on_a_corpus_file()
    {
        var input = SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm");
        var a = Load(SharedFiles.Rules("deid/deid.dicom"), ("entity_timestamp", "19000101"), ("item_timestamp", "19000102"),
            ("entity_id", "E1"), ("item_id", "I1"));
        using var f = DicomFile.Open(input);
        var r = a.Apply(f, new HeaderContext());
        Assert.True(r.IsDone, r.Reason);
        Assert.Null(f.Dataset.Get(PatientName));
        Assert.Equal("E1", f.Dataset.GetString(PatientId));
        Assert.Equal("I1", f.Dataset.GetString(new DicomTag(0x0008, 0x0050)));
        Assert.Equal("19000101", f.Dataset.GetString(new DicomTag(0x0010, 0x0030)));
        Assert.Equal("STARR", f.Dataset.GetString(new DicomTag(0x0010, 0x0021)));
        Assert.Null(f.Dataset.Get(new DicomTag(0x0020, 0x000D))); // REMOVE contains:UID
        Assert.Null(f.Dataset.Get(new DicomTag(0x0008, 0x0090)));
        Assert.NotNull(f.Dataset.Get(DicomTag.PixelData));
    }

    [Fact]
    public void Func_is_refused_with_file_line_and_column()
    {
        var path = SharedFiles.Root + "/header-rules/deid/deid.dicom-pusheen";
        var ex = Assert.Throws<RuleSyntaxException>(() => Load(path));
        Assert.Equal(path, ex.RuleFile);
        Assert.Equal(8, ex.Line);
        Assert.Equal(13, ex.Column);
        Assert.Contains("func:pusheenize", ex.Message);
    }

    [Theory]
    [InlineData("DELETE PatientName", 1, "unknown action 'DELETE'")]
    [InlineData("REPLACE PatientName", 20, "needs a value")]
    [InlineData("REMOVE PatientName yes", 20, "takes no value")]
    [InlineData("ADD startswith:Patient X", 5, "ADD needs a standard keyword")]
    [InlineData("JITTER StudyDate soon", 18, "whole number of days")]
    [InlineData("REMOVE contains:(", 17, "not a valid regular expression")]
    [InlineData("REMOVE values:nowhere", 8, "no %values nowhere")]
    [InlineData("REMOVE select:VR:PN", 8, "unknown field expression")]
    [InlineData("REPLACE PatientID var:id", 9, "var:id has no value")]
    public void Errors_name_file_line_and_column(string line, int column, string message)
    {
        var path = Recipe(line);
        var ex = Assert.Throws<RuleSyntaxException>(() => Load(path));
        Assert.Equal(5, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Header_show_lists_the_actions_and_lists()
    {
        var text = Load(SharedFiles.Root + "/header-rules/deid/deid.dicom-groups", ("id", "S"), ("source_id", "O")).Explain().Render();
        Assert.Contains("%values cookie_names", text);
        Assert.Contains("SPLIT", text);
        Assert.Contains("REPLACE", text);
        Assert.DoesNotContain("=S\n", text);
    }
}
