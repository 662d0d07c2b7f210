using System.Text.Json.Serialization;

namespace PixelScrub.Review;

/// <summary>One row of the overview.</summary>
internal sealed record FileSummary(string Id, string Name, string Status, string Review, string Reason, string Signature, IReadOnlyList<string> Rules);

internal sealed record Overview(string Output, string Report, string RulesFile, string Reviewer, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<FileSummary> Files);

/// <summary>A rectangle on the image, half-open [X0,X1) x [Y0,Y1), with what to call it.</summary>
internal sealed record Box(int X0, int Y0, int X1, int Y1, string Label, string Kind, int? Frame = null);

internal sealed record MatchInfo(string Group, string Label, string Reason, string Source, IReadOnlyList<string> Regions);

internal sealed record HeaderField(string Name, string Tag, string Value);

internal sealed record AuditRow(string Time, string Action, string? Regions, string? Rule, string Reviewer, string? Result);

internal sealed record FileDetail(string Id, string Name, string Input, string? Output, string Status, string Decision, string Reason,
    string Review, string? Note, string Signature, int Frames, int Columns, int Rows, bool Grey, bool CanDecide, string? Previous, string? Next,
    IReadOnlyList<Box> Boxes, IReadOnlyList<MatchInfo> Matches, IReadOnlyList<HeaderField> Header, IReadOnlyList<string> Notes,
    IReadOnlyList<AuditRow> Audit);

internal sealed record LikeThis(string Signature, int Count, IReadOnlyList<string> Ids);

internal sealed record ApplyRequest(IReadOnlyList<int[]>? Regions);

internal sealed record KeepRequest(string? Note);

internal sealed record FileResult(string Id, string Name, string Status, string? Output, string? Reason);

internal sealed record ActionResult(bool Ok, string Message, string? Rule, IReadOnlyList<FileResult> Files);

/// <summary>Source-generated JSON (no reflection: the CLI is a Native AOT binary).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Overview))]
[JsonSerializable(typeof(FileDetail))]
[JsonSerializable(typeof(LikeThis))]
[JsonSerializable(typeof(ApplyRequest))]
[JsonSerializable(typeof(KeepRequest))]
[JsonSerializable(typeof(ActionResult))]
internal sealed partial class ReviewJson : JsonSerializerContext;
