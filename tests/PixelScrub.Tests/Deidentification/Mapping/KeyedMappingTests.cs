using System.Text;
using PixelScrub.Deidentification;
using PixelScrub.Deidentification.Mapping;
using PixelScrub.Deidentification.Profiles;
using PixelScrub.Dicom;
using PixelScrub.Tests.Deidentification.Profiles;
using PixelScrub.Tests.Support;
using Xunit;

namespace PixelScrub.Tests.Deidentification.Mapping;

public sealed class KeyedMappingTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-keyed-");

    public void Dispose() => _dir.Dispose();

    private static KeyedMapper Mapper(string key, int? offset = null) => new(MappingKey.FromText(key), offset);

    [Fact]
    public void Same_key_gives_the_same_mapping_and_another_key_another()
    {
        var a1 = Mapper("first-key-0123456789");
        var a2 = Mapper("first-key-0123456789");
        var b = Mapper("second-key-0123456789");
        const string uid = "1.2.840.113619.2.55.3.1234";
        Assert.Equal(a1.MapUid(uid), a2.MapUid(uid));
        Assert.NotEqual(a1.MapUid(uid), b.MapUid(uid));
        Assert.Equal(a1.MapPatientId("PAT-1"), a2.MapPatientId("PAT-1"));
        Assert.NotEqual(a1.MapPatientId("PAT-1"), b.MapPatientId("PAT-1"));
        Assert.NotEqual(a1.MapPatientId("PAT-1"), a1.MapPatientId("PAT-2"));
        Assert.Equal(a1.DateOffsetDays("id:PAT-1"), a2.DateOffsetDays("id:PAT-1"));
        Assert.InRange(a1.DateOffsetDays("id:PAT-1"), -KeyedMapper.MaxOffsetDays, -1);
        Assert.Equal(-30, Mapper("first-key-0123456789", -30).DateOffsetDays("id:anyone"));
    }

    [Fact]
    public void A_mapped_uid_is_a_version_8_uuid_under_2_25()
    {
        var m = Mapper("first-key-0123456789");
        foreach (var uid in new[] { "1.2.3", "1.2.840.10008.1.2", "9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9" })
        {
            var mapped = m.MapUid(uid);
            Assert.StartsWith("2.25.", mapped);
            Assert.True(mapped.Length <= 44);
            var n = System.Numerics.BigInteger.Parse(mapped[5..], System.Globalization.CultureInfo.InvariantCulture);
            var bytes = n.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes = [.. new byte[16 - bytes.Length], .. bytes];
            Assert.Equal(0x80, bytes[6] & 0xF0); // version 8
            Assert.Equal(0x80, bytes[8] & 0xC0); // RFC 9562 variant
            Assert.Null(PixelScrub.Deidentification.ValueEncoder.Check(DicomVR.UI, mapped));
        }

        Assert.Equal(m.MapUid("1.2.3"), m.MapUid("1.2.3\0"));
    }

    [Fact]
    public void Dates_shift_by_whole_days_keeping_precision_and_time()
    {
        Assert.True(DateShift.TryShiftDate("20200301", -1, out var d));
        Assert.Equal("20200229", d);
        Assert.True(DateShift.TryShiftDateTime("20200301101010.5+0100", -1, out var dt));
        Assert.Equal("20200229101010.5+0100", dt);
        Assert.True(DateShift.TryShiftDateTime("2020", -400, out var y));
        Assert.Equal("2018", y);
        Assert.False(DateShift.TryShiftDate("1997.04.24", 1, out _));
    }

    [Fact]
    public void The_key_comes_from_a_parameter_a_file_or_the_environment_and_a_short_one_is_refused()
    {
        var keyFile = Path.Combine(_dir, "key.txt");
        File.WriteAllText(keyFile, "file-key-0123456789abcdef\n");
        var fromFile = MappingKey.Resolve(new Dictionary<string, string> { ["key-file"] = keyFile }, _ => null)!;
        var fromParam = MappingKey.Resolve(new Dictionary<string, string> { ["key"] = "file-key-0123456789abcdef" }, _ => null)!;
        var fromEnv = MappingKey.Resolve(new Dictionary<string, string>(), n => n == "PIXELSCRUB_KEY" ? "file-key-0123456789abcdef" : null)!;
        Assert.Equal(fromParam.Fingerprint(), fromFile.Fingerprint());
        Assert.Equal(fromParam.Fingerprint(), fromEnv.Fingerprint());
        Assert.Null(MappingKey.Resolve(new Dictionary<string, string>(), _ => null));
        Assert.Throws<ArgumentException>(() => MappingKey.Resolve(new Dictionary<string, string> { ["key"] = "short" }, _ => null));
        Assert.Equal("[mapping key]", fromParam.ToString());
    }

    [Fact]
    public void A_profile_without_a_key_is_refused_and_the_key_is_never_written()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BuiltInProfiles(_ => null).TryCreate("ps3.15-basic", new HeaderSettings(), out _));
        Assert.Contains("needs a mapping key", ex.Message);
        Assert.Throws<ArgumentException>(() => new BuiltInProfiles(_ => null).TryCreate("ps3.15-basic+no-such-option",
            new HeaderSettings { Parameters = new Dictionary<string, string> { ["key"] = "k-0123456789abcdef" } }, out _));

        const string key = "a-very-secret-key-QWERTY-0123";
        var profile = Ps315ProfileCorpusTests.Profile("ps3.15-basic+retain-longitudinal-modified-dates", key);
        Assert.DoesNotContain(key, profile.Key);
        Assert.DoesNotContain(key, profile.Explain().Render());
        var output = Ps315ProfileCorpusTests.Deidentify(profile, SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm"), Path.Combine(_dir, "o.dcm"));
        Assert.DoesNotContain(key, Encoding.Latin1.GetString(File.ReadAllBytes(output)));
    }

    [Fact]
    public void Same_key_gives_identical_outputs_across_runs_and_another_key_other_uids()
    {
        var input = SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm");
        var a = File.ReadAllBytes(Ps315ProfileCorpusTests.Deidentify(Ps315ProfileCorpusTests.Profile(key: "run-key-0123456789abc"), input, Path.Combine(_dir, "a.dcm")));
        var b = File.ReadAllBytes(Ps315ProfileCorpusTests.Deidentify(Ps315ProfileCorpusTests.Profile(key: "run-key-0123456789abc"), input, Path.Combine(_dir, "b.dcm")));
        Assert.Equal(a, b);
        var c = Ps315ProfileCorpusTests.Deidentify(Ps315ProfileCorpusTests.Profile(key: "other-key-0123456789abc"), input, Path.Combine(_dir, "c.dcm"));
        using var fa = DicomFile.Open(Path.Combine(_dir, "a.dcm"));
        using var fc = DicomFile.Open(c);
        foreach (var tag in new[] { new DicomTag(0x0020, 0x000D), new DicomTag(0x0008, 0x0018), new DicomTag(0x0010, 0x0020) })
        {
            Assert.NotEqual(fa.Dataset.GetString(tag), fc.Dataset.GetString(tag));
        }
    }

    [Fact]
    public void Modified_dates_shift_every_date_of_a_patient_by_one_offset_and_a_table_replaces_the_patient_id()
    {
        var input = SharedFiles.Corpus("deid-data/humans/ctbrain1.dcm");
        var table = Path.Combine(_dir, "ids.csv");
        File.WriteAllText(table, "original,replacement\n00007041776,\"SUBJ-0001\"\n");
        var profile = Ps315ProfileCorpusTests.Profile("ps3.15-basic+retain-longitudinal-modified-dates", "date-key-0123456789", ("date-offset", "-10"), ("patient-id-table", table));
        using var original = DicomFile.Open(input);
        using var o = DicomFile.Open(Ps315ProfileCorpusTests.Deidentify(profile, input, Path.Combine(_dir, "d.dcm")));
        Assert.Equal("SUBJ-0001", o.Dataset.GetString(new DicomTag(0x0010, 0x0020)));
        var studyDate = DateOnly.ParseExact(original.Dataset.GetString(new DicomTag(0x0008, 0x0020))!, "yyyyMMdd");
        Assert.Equal(studyDate.AddDays(-10).ToString("yyyyMMdd"), o.Dataset.GetString(new DicomTag(0x0008, 0x0020)));

        File.WriteAllText(table, "someone-else,SUBJ-0002\n");
        var strict = Ps315ProfileCorpusTests.Profile("ps3.15-basic", "date-key-0123456789", ("patient-id-table", table));
        using var f = DicomFile.Open(input);
        var result = strict.Apply(f, new HeaderContext());
        Assert.False(result.IsDone);
        Assert.Contains("(0010,0020)", result.Reason);
    }

    [Fact]
    public void A_patient_id_inside_a_sequence_gets_the_same_new_id()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "P-77");
        var item = new DicomDataset(false, ds);
        item.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "P-77");
        var sq = new DicomSequence(new DicomTag(0x0054, 0x0016), DicomVR.SQ, true); // a sequence the table does not list
        sq.Items.Add(item);
        ds.Set(sq);
        var mapper = new KeyedMapper(MappingKey.FromText("nested-key-0123456789"));
        new Ps315Engine(new HashSet<Ps315Option>(), mapper, null).Apply(ds, pixelsCleaned: false);
        Assert.Equal(mapper.MapPatientId("P-77"), ds.GetString(new DicomTag(0x0010, 0x0020)));
        Assert.Equal(mapper.MapPatientId("P-77"), ds.GetItems(new DicomTag(0x0054, 0x0016))![0].GetString(new DicomTag(0x0010, 0x0020)));
    }

    [Fact]
    public void Private_tags_go_except_the_safe_keep_list()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "P1");
        ds.SetString(new DicomTag(0x0019, 0x0010), DicomVR.LO, "SIEMENS MR HEADER");
        ds.SetString(new DicomTag(0x0019, 0x100C), DicomVR.IS, "1000");
        ds.SetString(new DicomTag(0x0019, 0x1008), DicomVR.CS, "NAME");
        ds.SetString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "ACME");
        ds.SetString(new DicomTag(0x0029, 0x100C), DicomVR.LO, "Smith^John");
        var engine = new Ps315Engine(new HashSet<Ps315Option>(), new KeyedMapper(MappingKey.FromText("priv-key-0123456789")), null);
        engine.Apply(ds, pixelsCleaned: false);
        Assert.Equal("1000", ds.GetString(new DicomTag(0x0019, 0x100C)));
        Assert.NotNull(ds.Get(new DicomTag(0x0019, 0x0010)));
        Assert.Null(ds.Get(new DicomTag(0x0019, 0x1008)));
        Assert.Null(ds.Get(new DicomTag(0x0029, 0x0010)));
        Assert.Null(ds.Get(new DicomTag(0x0029, 0x100C)));

        // A listed attribute whose value is not a number is not kept.
        var bad = new DicomDataset();
        bad.SetString(new DicomTag(0x0019, 0x0010), DicomVR.LO, "SIEMENS MR HEADER");
        bad.SetString(new DicomTag(0x0019, 0x100C), DicomVR.IS, "Smith");
        engine.Apply(bad, pixelsCleaned: false);
        Assert.Equal(0, bad.Count);
    }
}
