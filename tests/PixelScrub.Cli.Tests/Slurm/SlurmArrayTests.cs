using System.Diagnostics;
using System.Text.Json;
using PixelScrub.Tests.Support;

namespace PixelScrub.Cli.Tests.Slurm;

/// <summary>
/// The Slurm example on a real one-node cluster (start-cluster.sh: munged, slurmctld, slurmd under a temp folder):
/// list, an array of 3 cleans and the dependent merge over a copy of the corpus; every input once in the merged report,
/// outputs byte-identical to one `clean`, and a shard rerun after its outputs were deleted puts them back. Exactly the
/// daemons started are stopped (by pid), whatever happens. Fails, never skips, without Slurm or munge.
/// </summary>
public sealed class SlurmArrayTests
{
    private static readonly string Here = Path.Combine(RepoRoot(), "tests", "PixelScrub.Cli.Tests", "Slurm");
    private static readonly string Example = Path.Combine(RepoRoot(), "examples", "slurm", "clean-array.sbatch");

    [Fact]
    public void The_example_array_cleans_every_file_once_as_one_clean_does_and_a_rerun_shard_restores_its_outputs()
    {
        var root = Directory.CreateTempSubdirectory("pixelscrub-slurm-").FullName;
        var cluster = Path.Combine(root, "cluster");
        try
        {
            var start = Run("bash", [Path.Combine(Here, "start-cluster.sh"), cluster], root, []);
            if (start.Code == 3) Assert.Fail($"Slurm or munge is missing: {start.Err.Trim()} (Debian packages: slurmctld slurmd slurm-client munge)");
            Assert.True(start.Code == 0, $"the cluster did not start: {start.Out}{start.Err}");
            var env = new Dictionary<string, string>
            {
                ["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf"),
                ["PIXELSCRUB"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "pixelscrub.dll")}",
                ["INPUT"] = Path.Combine(root, "in"), ["OUT"] = Path.Combine(root, "out"), ["SHARDS"] = "3",
            };
            CopyTree(SharedFiles.Root + "/corpus", env["INPUT"]);
            var inputs = Directory.GetFiles(env["INPUT"], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

            var array = Run("bash", [Example], root, new(env) { ["WAIT"] = "1" });
            Assert.True(array.Code == 0, $"sbatch array + merge exit {array.Code}: {array.Out}{array.Err}\n{Logs(root)}");

            var merged = Rows(Path.Combine(root, "out.report.jsonl"));
            Assert.Equal(inputs, merged.Select(r => r.Input).Order(StringComparer.Ordinal).ToList());
            for (int k = 0; k < 3; k++) Assert.True(File.Exists(Path.Combine(root, $"out.report.shard-{k}-of-3.jsonl")));

            var single = CliRunner.Run("clean", env["INPUT"], "--out", Path.Combine(root, "single"), "--jobs", "2");
            Assert.True(single.Code == 0, single.Err);
            AssertSameTree(env["OUT"], Path.Combine(root, "single"));
            AssertSameTree(env["OUT"] + ".quarantine", Path.Combine(root, "single.quarantine"));

            // delete shard 1's outputs, rerun that array task alone, merge again
            var shard1 = Rows(Path.Combine(root, "out.report.shard-1-of-3.jsonl")).Select(r => r.Output).OfType<string>()
                .Where(o => o.StartsWith(env["OUT"] + "/", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(shard1);
            foreach (var o in shard1) File.Delete(o);
            var rerun = Run("sbatch", ["--wait", "--array=1", "--export=ALL,STAGE=clean", Example], root, env);
            Assert.True(rerun.Code == 0, $"rerun of shard 1 exit {rerun.Code}: {rerun.Out}{rerun.Err}\n{Logs(root)}");
            Assert.All(shard1, o => Assert.True(File.Exists(o), o));
            AssertSameTree(env["OUT"], Path.Combine(root, "single"));
            var again = CliRunner.Run("report", "merge", env["OUT"]);
            Assert.True(again.Code == 0, again.Out + again.Err);
            Assert.Equal(inputs, Rows(Path.Combine(root, "out.report.jsonl")).Select(r => r.Input).Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            var pids = File.Exists(Path.Combine(cluster, "pids")) ? File.ReadAllLines(Path.Combine(cluster, "pids")) : [];
            Run("bash", [Path.Combine(Here, "stop-cluster.sh"), cluster], root, []);
            foreach (var pid in pids.Where(p => p.Length > 0)) Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"daemon {pid} still runs");
            try { Directory.Delete(root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record Row(string Input, string? Output);

    private static List<Row> Rows(string report) => File.ReadLines(report).Select(l =>
    {
        var e = JsonSerializer.Deserialize<JsonElement>(l);
        return new Row(e.GetProperty("input").GetString()!, e.TryGetProperty("output", out var o) ? o.GetString() : null);
    }).ToList();

    private static bool IsZombie(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string Logs(string root) =>
        string.Join("\n", Directory.GetFiles(root, "pixelscrub-*.out").Select(f => $"--- {f}\n{File.ReadAllText(f)}"));

    private static (int Code, string Out, string Err) Run(string file, string[] args, string cwd, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        psi.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            return (-1, stdout.Result, stderr.Result + "\n(timed out after 5 minutes)");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(f, dest);
        }
    }

    private static void AssertSameTree(string a, string b)
    {
        static List<string> Files(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p))
                .Where(p => !Path.GetFileName(p).StartsWith(".pixelscrub-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var fa = Files(a);
        Assert.Equal(fa, Files(b));
        Assert.NotEmpty(fa);
        foreach (var p in fa) Assert.True(File.ReadAllBytes(Path.Combine(a, p)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, p))), p);
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PixelScrub.slnx"))) return d.FullName;
        }

        throw new InvalidOperationException($"PixelScrub.slnx not found above {AppContext.BaseDirectory}");
    }
}
