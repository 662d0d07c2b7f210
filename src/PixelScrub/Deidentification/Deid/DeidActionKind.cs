namespace PixelScrub.Deidentification.Deid;

/// <summary>The actions of a deid recipe's %header section.</summary>
internal enum DeidActionKind
{
    Add,
    Blank,
    Jitter,
    Keep,
    Remove,
    Replace,
}
