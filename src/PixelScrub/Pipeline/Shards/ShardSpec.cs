using System.Globalization;

namespace PixelScrub.Pipeline.Shards;

/// <summary>
/// Shard K of N (K from 0): the files whose relative path falls in K under <see cref="ShardPartition"/>. Each shard has
/// its own report, ledger, lock and staging folder, named with <see cref="Tag"/> ("shard-K-of-N").
/// </summary>
public readonly record struct ShardSpec
{
    /// <summary>The environment variables `--shard auto/N` takes K from, in this order (Slurm job arrays, Kubernetes Indexed Jobs).</summary>
    public static readonly string[] IndexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"];

    public ShardSpec(int index, int count)
    {
        if (count < 1) throw new ArgumentException($"the number of shards must be at least 1 (got {count})");
        if (index < 0 || index >= count) throw new ArgumentException($"shard {index} is not in 0..{count - 1} (K counts from 0, below N={count})");
        Index = index;
        Count = count;
    }

    public int Index { get; }
    public int Count { get; }

    /// <summary>"shard-K-of-N", in every file name of the shard.</summary>
    public string Tag => $"shard-{Index}-of-{Count}";

    /// <summary>True when the file with this relative path belongs to this shard.</summary>
    public bool Contains(string relativePath) => ShardPartition.ShardOf(relativePath, Count) == Index;

    /// <summary>"a/b.report.jsonl" -> "a/b.report.shard-K-of-N.jsonl" (the tag before the extension).</summary>
    public string Name(string path)
    {
        var ext = Path.GetExtension(path);
        return path[..^ext.Length] + "." + Tag + ext;
    }

    /// <summary>
    /// Parses "K/N", or "auto/N" with K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (read through
    /// <paramref name="environment"/>); <see cref="ArgumentException"/> with a one-line reason otherwise.
    /// </summary>
    public static ShardSpec Parse(string text, Func<string, string?> environment)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            throw new ArgumentException($"--shard {text}: expected K/N (K from 0, below N) or auto/N");
        }

        var k = text[..slash];
        if (k == "auto")
        {
            foreach (var name in IndexVariables)
            {
                var value = environment(name);
                if (string.IsNullOrEmpty(value)) continue;
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    throw new ArgumentException($"--shard auto/{n}: {name}={value} is not a shard number");
                }

                if (index >= n) throw new ArgumentException($"--shard auto/{n}: {name}={index} is not below N={n} (submit the array as 0..{n - 1})");
                return new ShardSpec(index, n);
            }

            throw new ArgumentException($"--shard auto/{n}: neither {string.Join(" nor ", IndexVariables)} is set (run it as a Slurm array task or a Kubernetes Indexed Job, or give K/N)");
        }

        if (!int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out int kk)) throw new ArgumentException($"--shard {text}: K must be a number from 0, or auto");
        return new ShardSpec(kk, n);
    }

    public override string ToString() => $"{Index}/{Count}";
}
