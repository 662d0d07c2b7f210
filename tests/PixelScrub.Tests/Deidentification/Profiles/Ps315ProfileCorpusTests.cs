using System.Text;
using PixelScrub.Deidentification;
using PixelScrub.Deidentification.Profiles;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;
using Xunit;

namespace PixelScrub.Tests.Deidentification.Profiles;

/// <summary>
/// ps3.15-basic on every readable corpus file: no original identifying value (patient name, ID, birth date, accession
/// number, institution, physician names, instance UIDs) left anywhere in the output bytes, sequences and private tags
/// included; dciodvfy reports no error the input did not have; files of one series keep sharing their new UIDs.
/// </summary>
public sealed class Ps315ProfileCorpusTests : IDisposable
{
    private const string Key = "corpus-test-key-0123456789";
    private readonly TempFolder _dir = new("pixelscrub-ps315-");

    public void Dispose() => _dir.Dispose();

    internal static IHeaderAnonymizer Profile(string spec = "ps3.15-basic", string key = Key, params (string, string)[] extra)
    {
        var p = new Dictionary<string, string> { ["key"] = key };
        foreach (var (k, v) in extra) p[k] = v;
        Assert.True(new BuiltInProfiles(_ => null).TryCreate(spec, new HeaderSettings { Parameters = p }, out var a));
        return a;
    }

    /// <summary>Applies the profile to a corpus file and writes the result; returns the output path.</summary>
    internal static string Deidentify(IHeaderAnonymizer profile, string input, string output, bool pixelsCleaned = false)
    {
        using var file = DicomFile.Open(input);
        var result = profile.Apply(file, new HeaderContext { PixelsCleaned = pixelsCleaned, SourcePath = input });
        Assert.True(result.IsDone, $"{input}: {result.Reason}");
        DicomWriter.WriteFile(file, output);
        return output;
    }

    private static readonly DicomTag[] IdentifyingTags =
    [
        new(0x0010, 0x0010), new(0x0010, 0x0020), new(0x0010, 0x0030), new(0x0008, 0x0050), new(0x0008, 0x0080),
        new(0x0008, 0x0090), new(0x0008, 0x1050), new(0x0008, 0x1060), new(0x0008, 0x1070), new(0x0008, 0x1048),
        new(0x0032, 0x1032), new(0x0008, 0x0081),
    ];

    /// <summary>UIDs that name classes, syntaxes and coding schemes (PS3.3, PS3.10): not instance identifiers.</summary>
    private static readonly uint[] DefinitionUids = [0x00020002, 0x00020010, 0x00020012, 0x00080016, 0x00081150, 0x0008010C, 0x0008010D, 0x0008001A, 0x00080062];

    /// <summary>Every identifying value in the file, at any depth, and every instance UID (listed U, or outside the registry).</summary>
    private static (HashSet<string> Values, HashSet<string> Uids) Originals(DicomFile file)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        var uids = new HashSet<string>(StringComparer.Ordinal);
        var manufacturer = file.Dataset.GetString(new DicomTag(0x0008, 0x0070))?.Trim() ?? "";
        void Walk(DicomDataset ds)
        {
            foreach (var el in ds)
            {
                if (el is DicomSequence s)
                {
                    foreach (var item in s.Items) Walk(item);
                    continue;
                }

                if (IdentifyingTags.Contains(el.Tag))
                {
                    foreach (var v in ds.ValuesOf(el))
                    {
                        var t = v.Trim().TrimEnd('^');
                        // An institution named like the manufacturer ("TOSHIBA") stays in Manufacturer, which is not PHI.
                        if (el.Tag == new DicomTag(0x0008, 0x0080) && manufacturer.Contains(t, StringComparison.Ordinal)) continue;
                        if (t.Length >= 4 && t.Any(char.IsLetterOrDigit) && t != "----") values.Add(t);
                        foreach (var part in t.Split('^', '='))
                        {
                            if (part.Trim().Length >= 5) values.Add(part.Trim());
                        }
                    }
                }

                if (el.VR == DicomVR.UI)
                {
                    var entry = Ps315Table.Find(el.Tag.Value);
                    foreach (var v in ds.ValuesOf(el))
                    {
                        var u = v.Trim('\0', ' ');
                        if (u.Length == 0) continue;
                        if (entry?.Basic == "U" || (entry is null && !u.StartsWith("1.2.840.10008.", StringComparison.Ordinal) && !DefinitionUids.Contains(el.Tag.Value)))
                        {
                            uids.Add(u);
                        }
                    }
                }
            }
        }

        Walk(file.Dataset);
        Walk(file.Meta);
        return (values, uids);
    }

    public static TheoryData<string> Files() => [.. CorpusFiles.Readable()];

    [Theory]
    [MemberData(nameof(Files))]
    public void No_original_identifier_is_left_in_the_output_bytes(string relative)
    {
        var input = CorpusFiles.PathOf(relative);
        (HashSet<string> values, HashSet<string> uids) originals;
        using (var f = DicomFile.Open(input)) originals = Originals(f);
        var output = Deidentify(Profile(), input, Path.Combine(_dir, "out.dcm"));
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(output));
        foreach (var v in originals.values) Assert.False(text.Contains(v, StringComparison.Ordinal), $"{relative}: \"{v}\" is still in the output");
        foreach (var u in originals.uids) Assert.False(text.Contains(u, StringComparison.Ordinal), $"{relative}: UID {u} is still in the output");

        using var o = DicomFile.Open(output);
        Assert.Equal("YES", o.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
        Assert.DoesNotContain(o.Dataset, e => (e.Tag.Group & 1) == 1);
        var sop = o.Dataset.GetString(new DicomTag(0x0008, 0x0018));
        if (sop is not null) Assert.Equal(sop, o.Meta.GetString(DicomTag.MediaStorageSOPInstanceUID));
    }

    [Fact]
    public void Outputs_gain_no_dciodvfy_errors()
    {
        var profile = Profile("ps3.15-basic+retain-longitudinal-modified-dates+clean-descriptors");
        var failures = new List<string>();
        foreach (var relative in CorpusFiles.Readable())
        {
            var input = CorpusFiles.PathOf(relative);
            var output = Deidentify(profile, input, Path.Combine(_dir, Path.GetFileName(input) + ".out.dcm"));
            var before = Errors(ReferenceTool.Run("dciodvfy", [input]));
            var after = Errors(ReferenceTool.Run("dciodvfy", [output]));
            failures.AddRange(after.Except(before).Select(e => $"{relative}: {e}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // UIDs inside messages are replaced by a placeholder: an error the input had, about a UID that is now new, is the same error.
    private static HashSet<string> Errors((int ExitCode, string StdOut, string StdErr) r) =>
        (r.StdOut + "\n" + r.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"\b\d+(\.\d+){2,}\b", "<uid>")).ToHashSet();

    [Fact]
    public void Two_files_of_one_series_share_their_new_study_and_series_uids()
    {
        var profile = Profile();
        var a = Deidentify(profile, SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm"), Path.Combine(_dir, "a.dcm"));
        var b = Deidentify(Profile(), SharedFiles.Corpus("deid-data/humans/ctbrain2.dcm"), Path.Combine(_dir, "b.dcm"));
        using var fa = DicomFile.Open(a);
        using var fb = DicomFile.Open(b);
        using var original = DicomFile.Open(SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm"));
        foreach (var tag in new[] { new DicomTag(0x0020, 0x000D), new DicomTag(0x0020, 0x000E) })
        {
            var na = fa.Dataset.GetString(tag)!;
            Assert.StartsWith("2.25.", na);
            Assert.NotEqual(original.Dataset.GetString(tag), na);
            Assert.Equal(na, fb.Dataset.GetString(tag));
        }
    }

    [Fact]
    public void A_reference_inside_a_sequence_points_at_the_new_sop_instance_uid()
    {
        var srcA = SharedFiles.Corpus("pydicom/CT_small.dcm");
        var srcB = SharedFiles.Corpus("pydicom/MR_small.dcm");
        string referenced;
        using (var b = DicomFile.Open(srcB)) referenced = b.Dataset.GetString(new DicomTag(0x0008, 0x0018))!;

        // File A refers to file B from two levels down: Source Image Sequence > item > Referenced Image Sequence > item.
        var withRef = Path.Combine(_dir, "with-ref.dcm");
        using (var a = DicomFile.Open(srcA))
        {
            var inner = new DicomDataset(a.Dataset.BigEndian);
            inner.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.4");
            inner.SetString(new DicomTag(0x0008, 0x1155), DicomVR.UI, referenced);
            var innerSq = new DicomSequence(new DicomTag(0x0008, 0x1140), DicomVR.SQ, true);
            innerSq.Items.Add(inner);
            var outer = new DicomDataset(a.Dataset.BigEndian);
            outer.Set(innerSq);
            var outerSq = new DicomSequence(new DicomTag(0x0008, 0x2112), DicomVR.SQ, true);
            outerSq.Items.Add(outer);
            a.Dataset.Set(outerSq);
            DicomWriter.WriteFile(a, withRef);
        }

        var outA = Deidentify(Profile(), withRef, Path.Combine(_dir, "a.dcm"));
        var outB = Deidentify(Profile(), srcB, Path.Combine(_dir, "b.dcm"));
        using var fa = DicomFile.Open(outA);
        using var fb = DicomFile.Open(outB);
        var item = fa.Dataset.GetItems(new DicomTag(0x0008, 0x2112))![0].GetItems(new DicomTag(0x0008, 0x1140))![0];
        var newSop = fb.Dataset.GetString(new DicomTag(0x0008, 0x0018))!;
        Assert.NotEqual(referenced, newSop);
        Assert.Equal(newSop, item.GetString(new DicomTag(0x0008, 0x1155)));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.4", item.GetString(new DicomTag(0x0008, 0x1150)));
    }
}
