namespace PixelScrub.Text;

/// <summary>
/// One form of one header value, as a skeleton (<see cref="TextFolding"/>) to look for in recognised text: e.g.
/// "D0EJANE" for PatientName DOE^JANE, or "01311970" for PatientBirthDate 19700131 printed as 01/31/1970.
/// Short forms (below <see cref="EditBudget.ApproximateFrom"/>) match exactly on word boundaries; longer ones anywhere
/// within their <see cref="EditBudget"/>.
/// </summary>
internal sealed class HeaderTerm
{
    public HeaderTerm(string field, string skeleton)
    {
        Field = field;
        Skeleton = skeleton.Length > ApproximateMatcher.MaxTermLength ? skeleton[..ApproximateMatcher.MaxTermLength] : skeleton;
        Budget = EditBudget.For(Skeleton);
        Bounded = Skeleton.Length < EditBudget.ApproximateFrom;
        if (Budget > 0) Matcher = new ApproximateMatcher(Skeleton, Budget);
    }

    /// <summary>The header keyword this form came from (PatientName, StudyDate, ...).</summary>
    public string Field { get; }

    public string Skeleton { get; }

    public int Budget { get; }

    /// <summary>Matches only whole words (start and end on a word boundary) and exactly.</summary>
    public bool Bounded { get; }

    public ApproximateMatcher? Matcher { get; }
}
