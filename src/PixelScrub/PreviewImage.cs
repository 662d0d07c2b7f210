namespace PixelScrub;

/// <summary>Which image a preview shows.</summary>
public enum PreviewImage
{
    Original,
    Cleaned,
}
