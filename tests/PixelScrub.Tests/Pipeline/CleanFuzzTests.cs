using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Pipeline;

/// <summary>
/// Seeded mutation fuzzing of `clean` (the reader's own fuzz test is in PixelScrub.Dicom.Tests): a few hundred mutated
/// corpus files in one batch. Invariants: the batch ends in bounded time; every input appears once in the report, with
/// its output in OUT (passed, cleaned) or its copy and sidecar in quarantine (to review, failed); nothing else lands in
/// OUT; inputs are unchanged; every file we wrote is readable by DCMTK's dcmdump, and a passed copy dcmdump cannot read
/// carries the report note that its rest is not readable as DICOM, or was judged unreadable by our reader too.
/// </summary>
public sealed class CleanFuzzTests : IDisposable
{
    private const int Cases = 300;
    private readonly BatchFolder _f = new(samples: false);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Mutated_corpus_files_each_end_once_in_the_report_as_output_or_quarantine_and_inputs_stay_unchanged()
    {
        var dcmdump = ReferenceTool.Require("dcmdump");
        var seeds = CorpusFiles.Readable().Select(CorpusFiles.PathOf).Where(p => new FileInfo(p).Length < 400_000).Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(seeds);
        var rng = new Random(20261206);
        Directory.CreateDirectory(_f.In);
        var kinds = new Dictionary<string, string>();
        for (int i = 0; i < Cases; i++)
        {
            var path = Path.Combine(_f.In, $"case-{i:D3}.dcm");
            File.WriteAllBytes(path, CorpusMutator.Mutate(seeds[rng.Next(seeds.Length)], rng, out var what));
            kinds[path] = what;
        }

        var before = Directory.GetFiles(_f.In).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        var options = _f.Options() with { Rules = RuleSet.Defaults };
        var run = Task.Run(() => BatchRunner.Run(options));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(240))) == run, "the batch did not end within 240 s");
        var summary = await run;

        var rows = File.ReadLines(options.ResolvedReport).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(before.Keys.Order(), rows.Select(r => r.GetProperty("input").GetString()!).Order());
        Assert.Equal(Cases, summary.Total);
        var written = new List<(string Path, string Input, string Status, string Notes)>();
        foreach (var row in rows)
        {
            var input = row.GetProperty("input").GetString()!;
            var status = row.GetProperty("status").GetString()!;
            var output = row.GetProperty("output").GetString();
            Assert.True(output is not null, $"{input} ({kinds[input]}): {status} without an output or quarantined copy");
            if (status is "passed" or "cleaned")
            {
                Assert.StartsWith(summary.OutputDirectory + "/", output);
                written.Add((output!, input, status, string.Join(' ', row.GetProperty("notes").EnumerateArray().Select(n => n.GetString()))));
            }
            else
            {
                Assert.Contains(status, new[] { "quarantined", "failed" });
                Assert.StartsWith(summary.QuarantineDirectory + "/", output);
                Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(output!));
                Assert.True(File.Exists(output + ".json"), $"no sidecar beside {output}");
            }
        }

        Assert.True(summary.Passed + summary.Cleaned > 20 && summary.Quarantined + summary.Failed > 20,
            $"mutations too mild or too harsh: {summary.Passed} passed, {summary.Cleaned} cleaned, {summary.Quarantined} to review, {summary.Failed} failed");
        var inOut = Directory.GetFiles(summary.OutputDirectory, "*.dcm", SearchOption.AllDirectories).Order();
        Assert.Equal(written.Select(w => w.Path).Order(), inOut);
        foreach (var (path, hash) in before) Assert.Equal(hash, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.False(Directory.Exists(options.StagingDirectory), "the staging folder was left behind");

        var unreadable = new List<string>();
        int agreed = 0;
        Parallel.ForEach(written, new ParallelOptions { MaxDegreeOfParallelism = 2 }, w =>
        {
            if (Dcmdump(dcmdump, w.Path) is not { } error) return;
            bool noted = w.Notes.Contains("not readable as DICOM", StringComparison.Ordinal);
            if (noted) Interlocked.Increment(ref agreed);
            if (w.Status == "cleaned" || !noted)
            {
                lock (unreadable) unreadable.Add($"{w.Input} ({kinds[w.Input]}, {w.Status}): dcmdump: {error}");
            }
        });
        Assert.True(unreadable.Count == 0, string.Join('\n', unreadable));
        Assert.True(agreed > 5, $"only {agreed} passed copies were both noted and refused by dcmdump: the after-header check is not exercised");
    }

    private static string? Dcmdump(string tool, string path)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-q");
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : stderr.Result.Trim().Split('\n').FirstOrDefault() ?? $"exit {p.ExitCode}";
    }
}
