using BenchmarkDotNet.Attributes;
using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Bench.Suites;

/// <summary>
/// Rule evaluation on headers already read (one operation = every readable corpus header once): the default
/// rules, deid.dicom alone, CTP's library alone; and loading deid.dicom (parse, resolve, compile).
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private DicomFile[] _files = [];
    private RuleSet _deid = null!;
    private RuleSet _ctp = null!;
    private string _deidPath = "";

    [GlobalSetup]
    public void Setup()
    {
        _files = Directory.EnumerateFiles(SharedPaths.Corpus, "*.dcm", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith("MR_truncated.dcm", StringComparison.Ordinal) && !p.EndsWith("no_meta.dcm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(p => DicomFile.Open(p, DicomReadOptions.Header)).ToArray();
        string rules = Path.Combine(SharedPaths.Corpus, "..", "rules");
        _deidPath = Path.Combine(rules, "deid", "deid.dicom");
        _deid = RuleSet.Load(_deidPath);
        _ctp = RuleSet.Load(Path.Combine(rules, "ctp", "DicomPixelAnonymizer.script"));
        _ = RuleSet.Defaults;
    }

    [Benchmark(Description = "detect, default rules, corpus headers")]
    public int Defaults() => Run(RuleSet.Defaults);

    [Benchmark(Description = "detect, deid.dicom, corpus headers")]
    public int Deid() => Run(_deid);

    [Benchmark(Description = "detect, CTP library, corpus headers")]
    public int Ctp() => Run(_ctp);

    [Benchmark(Description = "load deid.dicom")]
    public int LoadDeid() => RuleSet.Load(_deidPath).RuleCount;

    private int Run(RuleSet set)
    {
        int flagged = 0;
        foreach (var f in _files)
        {
            if (set.Detect(f).Flagged) flagged++;
        }

        return flagged;
    }
}
