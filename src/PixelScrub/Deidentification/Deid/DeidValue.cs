namespace PixelScrub.Deidentification.Deid;

/// <summary>An action's value: literal text, or <c>var:NAME</c> taken from a <c>--param NAME=VALUE</c>.</summary>
internal sealed record DeidValue(string Text, string? Variable)
{
    public string Resolve(IReadOnlyDictionary<string, string> parameters) =>
        Variable is null ? Text : parameters.TryGetValue(Variable, out var v) ? v : throw new InvalidOperationException($"var:{Variable} not given");

    public override string ToString() => Variable is null ? Text : "var:" + Variable;
}
