using System.Text;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Tests.Pipeline.Shards;

public sealed class ShardPartitionTests
{
    [Fact]
    public void Hundred_thousand_paths_over_64_shards_are_each_within_ten_percent_of_the_mean()
    {
        var counts = new int[64];
        for (int i = 0; i < 100_000; i++)
        {
            counts[ShardPartition.ShardOf($"site{i % 7}/patient{i / 1000:D4}/series{i % 13}/img{i:D6}.dcm", 64)]++;
        }

        double mean = 100_000 / 64.0;
        Assert.All(counts, c => Assert.InRange(c, mean * 0.9, mean * 1.1));
        Assert.Equal(100_000, counts.Sum());
    }

    [Theory]
    // Expected values computed independently: int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % n
    [InlineData("study1/img0001.dcm", 64, 29)]
    [InlineData("a/b/c.dcm", 64, 19)]
    [InlineData("pydicom/CT_small.dcm", 64, 31)]
    [InlineData("bad\\xffname.dcm", 64, 0)]
    [InlineData("x", 64, 4)]
    [InlineData("study1/img0001.dcm", 4, 1)]
    [InlineData("a/b/c.dcm", 4, 3)]
    public void The_partition_is_fixed_for_known_paths(string path, int shards, int expected) =>
        Assert.Equal(expected, ShardPartition.ShardOf(path, shards));

    [Fact]
    public void Every_path_is_in_exactly_one_shard()
    {
        for (int i = 0; i < 2000; i++)
        {
            var path = $"d{i % 17}/f{i}.dcm";
            Assert.Single(Enumerable.Range(0, 7), k => new ShardSpec(k, 7).Contains(path));
        }
    }

    [Theory]
    [InlineData("2/5", null, null, 2, 5)]
    [InlineData("auto/8", "3", null, 3, 8)]
    [InlineData("auto/8", null, "7", 7, 8)]
    [InlineData("auto/8", "1", "6", 1, 8)]
    public void Shard_is_parsed_from_text_or_the_scheduler_environment(string text, string? slurm, string? k8s, int k, int n)
    {
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = slurm, ["JOB_COMPLETION_INDEX"] = k8s };
        var spec = ShardSpec.Parse(text, name => env.GetValueOrDefault(name));
        Assert.Equal((k, n), (spec.Index, spec.Count));
        Assert.Equal($"shard-{k}-of-{n}", spec.Tag);
        Assert.Equal($"/o/OUT.report.shard-{k}-of-{n}.jsonl", spec.Name("/o/OUT.report.jsonl"));
    }

    [Theory]
    [InlineData("auto/4", null, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX")]
    [InlineData("auto/4", "4", "not below N=4")]
    [InlineData("auto/4", "x", "not a shard number")]
    [InlineData("4/4", null, "not in 0..3")]
    [InlineData("1/0", null, "at least 1")]
    [InlineData("1", null, "expected K/N")]
    [InlineData("-1/4", null, "K must be a number")]
    public void Bad_shards_are_refused_with_the_reason(string text, string? slurm, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text, name => name == "SLURM_ARRAY_TASK_ID" ? slurm : null));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Manifest_escaping_round_trips_any_bytes_on_one_line()
    {
        var names = new[]
        {
            Encoding.UTF8.GetBytes("plain/x.dcm"), Encoding.UTF8.GetBytes("tab\there/new\nline\r.dcm"), Encoding.UTF8.GetBytes("back\\slash\\x41.dcm"),
            Encoding.UTF8.GetBytes("ünï/日本.dcm"), [0x62, 0x61, 0x64, 0xFF, 0xFE, 0x2E, 0x64], [0x01, 0x7F, 0x20, 0xC3],
        };
        foreach (var raw in names)
        {
            var text = ManifestPath.Escape(raw);
            Assert.DoesNotContain('\n', text);
            Assert.DoesNotContain('\t', text);
            Assert.Equal(raw, ManifestPath.Unescape(text, out var error));
            Assert.Null(error);
        }

        Assert.Equal(@"back\\slash\\x41.dcm", ManifestPath.Escape(Encoding.UTF8.GetBytes("back\\slash\\x41.dcm")));
        Assert.Equal(@"bad\xff.d", ManifestPath.Escape([0x62, 0x61, 0x64, 0xFF, 0x2E, 0x64]));
        Assert.Null(ManifestPath.Unescape(@"a\q", out var bad));
        Assert.Contains("unknown escape", bad);
        Assert.Null(ManifestPath.Unescape(@"a\x4", out _));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("")]
    public void Paths_that_leave_the_root_are_unsafe(string path) =>
        Assert.NotNull(Manifest.Unsafe(Encoding.UTF8.GetBytes(path)));

    [Fact]
    public void Ordinary_relative_paths_are_safe() =>
        Assert.Null(Manifest.Unsafe("a/b..c/.hidden/x.dcm"u8));
}
