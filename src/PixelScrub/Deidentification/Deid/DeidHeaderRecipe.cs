namespace PixelScrub.Deidentification.Deid;

/// <summary>A deid recipe's header part: the %header actions in order, and the named %values and %fields lists.</summary>
internal sealed record DeidHeaderRecipe(
    string File,
    IReadOnlyList<DeidAction> Actions,
    IReadOnlyDictionary<string, IReadOnlyList<DeidListEntry>> ValuesLists,
    IReadOnlyDictionary<string, IReadOnlyList<DeidListEntry>> FieldsLists);
