namespace PixelScrub.Deidentification.Ctp;

/// <summary>A piece of an element script: literal text, or a function call.</summary>
internal abstract record CtpNode;

/// <summary>Text copied to the result (escapes already resolved).</summary>
internal sealed record CtpText(string Text) : CtpNode;

/// <summary>
/// `@name(arg,...){true}{false}`: arguments as written (trimmed), the optional code blocks parsed, the source text (an
/// unknown function is copied literally, as CTP does), and where it starts in the script.
/// </summary>
internal sealed record CtpCall(string Name, IReadOnlyList<string> Args, IReadOnlyList<CtpNode>? TrueCode, IReadOnlyList<CtpNode>? FalseCode,
    string Source, int Line, int Column) : CtpNode
{
    public string Arg(int i) => i < Args.Count ? Args[i] : "";
}
