using System.Text.Json.Serialization;

namespace PixelScrub.Pipeline;

/// <summary>Source-generated JSON for the pipeline's files (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Ledger.Entry), TypeInfoPropertyName = "LedgerEntry")]
[JsonSerializable(typeof(FileOutcome))]
[JsonSerializable(typeof(QuarantineSidecar))]
[JsonSerializable(typeof(Shards.ShardState))]
[JsonSerializable(typeof(Shards.MergeSummary))]
internal sealed partial class PipelineJson : JsonSerializerContext;

/// <summary>The JSON file written beside a quarantined file: why it is there.</summary>
internal sealed record QuarantineSidecar(string Input, string Status, string Reason, string Decision, IReadOnlyList<SidecarMatch> Matches, IReadOnlyList<string> Notes)
{
    /// <summary>The text found (and, for "residual PHI text", what verification read in the output).</summary>
    public IReadOnlyList<Text.TextFindingRow>? Text { get; init; }
}

internal sealed record SidecarMatch(string Group, string Label, string Reason, string Source, IReadOnlyList<string> Regions);
