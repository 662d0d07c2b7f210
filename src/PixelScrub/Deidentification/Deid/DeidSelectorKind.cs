namespace PixelScrub.Deidentification.Deid;

/// <summary>How a deid field expression picks fields.</summary>
internal enum DeidSelectorKind
{
    /// <summary><c>all</c>: every field.</summary>
    All,

    /// <summary>A keyword, a nested name (Sequence__Child) or a tag number: exact.</summary>
    Exact,

    /// <summary><c>(gggg,"CREATOR",ee)</c>: a private element by its creator.</summary>
    PrivateCreator,

    /// <summary><c>startswith:</c>, <c>endswith:</c>, <c>contains:</c>: a regular expression over the field's names.</summary>
    StartsWith,
    EndsWith,
    Contains,

    /// <summary><c>except:</c>: every field the expression does not match.</summary>
    Except,

    /// <summary><c>values:NAME</c>: fields whose value contains a value of a %values list.</summary>
    Values,

    /// <summary><c>fields:NAME</c>: the fields of a %fields list.</summary>
    Fields,
}
