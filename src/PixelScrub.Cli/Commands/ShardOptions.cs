using System.CommandLine;
using PixelScrub.Pipeline;
using PixelScrub.Pipeline.Shards;

namespace PixelScrub.Cli.Commands;

/// <summary>`clean`'s options for runs past one machine: --files-from, --root and --shard.</summary>
internal sealed class ShardOptions
{
    private readonly Option<string?> _filesFrom = new("--files-from") { Description = "Read the files from this manifest (made by `pixelscrub list`) instead of walking PATH.", HelpName = "MANIFEST" };
    private readonly Option<string?> _root = new("--root") { Description = "With --files-from: the folder the manifest's paths are relative to (default: the root it names).", HelpName = "DIR" };
    private readonly Option<string?> _shard = new("--shard") { Description = "Process only shard K of N (K from 0; auto/N takes K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX), with its own report, ledger and lock.", HelpName = "K/N" };

    public void AddTo(Command command)
    {
        command.Options.Add(_filesFrom);
        command.Options.Add(_root);
        command.Options.Add(_shard);
    }

    /// <summary>Adds the choices to the options; <see cref="ArgumentException"/> (exit 2) for a bad combination.</summary>
    public BatchOptions Apply(ParseResult parse, BatchOptions options, Func<string, string?> environment)
    {
        var filesFrom = parse.GetValue(_filesFrom);
        var root = parse.GetValue(_root);
        var shardText = parse.GetValue(_shard);
        if (filesFrom is not null && options.Inputs.Count > 0) throw new ArgumentException("give either PATH... or --files-from MANIFEST, not both");
        if (filesFrom is null && options.Inputs.Count == 0) throw new ArgumentException("give the files and folders to clean (PATH...), or --files-from MANIFEST");
        if (root is not null && filesFrom is null) throw new ArgumentException("--root needs --files-from");
        if (filesFrom is not null && !File.Exists(filesFrom)) throw new ArgumentException($"the manifest {Path.GetFullPath(filesFrom)} does not exist (make it with `pixelscrub list`)");
        var shard = shardText is null ? (ShardSpec?)null : ShardSpec.Parse(shardText, environment);
        if (shard is not null && options.UnshardedReport.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("--shard writes JSONL reports (`report merge` reads them): give --report a .jsonl name");
        }

        return options with { FilesFrom = filesFrom, FilesRoot = root, Shard = shard };
    }
}
