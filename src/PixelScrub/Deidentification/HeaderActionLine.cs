namespace PixelScrub.Deidentification;

/// <summary>One resolved action of a header spec: the attribute ("(0010,0010) PatientName"), the action, its detail.</summary>
public sealed record HeaderActionLine(string Attribute, string Action, string? Detail = null)
{
    public override string ToString() => Detail is null ? $"{Attribute}  {Action}" : $"{Attribute}  {Action}  {Detail}";
}
