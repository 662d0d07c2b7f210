using System.Text;

namespace PixelScrub.Rules;

/// <summary>
/// A condition over header values, built at load time (keywords resolved, regexes compiled). Evaluation
/// never throws and allocates only what the header reader returns.
/// </summary>
internal abstract class Condition
{
    public abstract bool Evaluate(IHeaderValues header);

    /// <summary>
    /// Appends a human reason for the outcome <see cref="Evaluate"/> gives on this header: the fields and
    /// values that decided it. Only called for reporting, so it may allocate.
    /// </summary>
    public abstract void Explain(IHeaderValues header, StringBuilder reason);

    /// <summary>Appends a canonical structural form (resolved tags, operators, arguments) used to compare models.</summary>
    public abstract void Canonical(StringBuilder sb);

    public string Canonical()
    {
        var sb = new StringBuilder();
        Canonical(sb);
        return sb.ToString();
    }

    /// <summary>The leaf conditions, left to right.</summary>
    public abstract void CollectLeaves(List<Condition> leaves);
}
