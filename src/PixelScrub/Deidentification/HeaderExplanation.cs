using System.Text;

namespace PixelScrub.Deidentification;

/// <summary>A header spec as understood: its parameters, the resolved action per attribute, and notes (PHI it leaves).</summary>
public sealed record HeaderExplanation(
    string Name,
    IReadOnlyList<HeaderActionLine> Parameters,
    IReadOnlyList<HeaderActionLine> Actions,
    IReadOnlyList<string> Notes)
{
    /// <summary>Plain text, one line per parameter, action and note.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Name);
        if (Parameters.Count > 0)
        {
            sb.AppendLine("## parameters");
            foreach (var p in Parameters) sb.AppendLine(p.ToString());
        }

        sb.AppendLine("## actions");
        int width = Actions.Count == 0 ? 0 : Actions.Max(a => a.Attribute.Length);
        foreach (var a in Actions)
        {
            sb.Append(a.Attribute.PadRight(width)).Append("  ").Append(a.Action);
            if (a.Detail is not null) sb.Append("  ").Append(a.Detail);
            sb.AppendLine();
        }

        if (Notes.Count > 0)
        {
            sb.AppendLine("## notes");
            foreach (var n in Notes) sb.Append("- ").AppendLine(n);
        }

        return sb.ToString();
    }
}
