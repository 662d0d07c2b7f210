namespace PixelScrub.Masks;

/// <summary>What a mask operation sets the covered pixels to.</summary>
public enum MaskValue
{
    /// <summary>The pixels are to be cleaned (deid mask value 0).</summary>
    Clean = 0,

    /// <summary>The pixels are to be kept (deid mask value 1).</summary>
    Keep = 1,
}

/// <summary>
/// One resolved mask operation: a region (already converted to pixel coordinates of this image) or the
/// whole frame, set to clean or keep. Operations apply in order; later wins.
/// </summary>
public readonly record struct MaskOperation(MaskValue Value, Region Region, bool All = false)
{
    public static MaskOperation CleanAll => new(MaskValue.Clean, default, true);
    public static MaskOperation KeepAll => new(MaskValue.Keep, default, true);

    /// <summary>deid's text form: "all" or "xmin,ymin,xmax,ymax".</summary>
    public string RegionText => All ? "all" : Region.ToString();
}
