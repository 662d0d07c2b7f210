namespace PixelScrub.Imaging;

/// <summary>One Window Center (0028,1050) / Window Width (0028,1051) pair.</summary>
public readonly record struct VoiWindow(double Center, double Width);
