namespace PixelScrub.Imaging;

/// <summary>Which value-of-interest transform the renderer applies to grey images.</summary>
public enum VoiSelection
{
    /// <summary>The window at <see cref="RenderParameters.VoiIndex"/> if there is one, else that VOI LUT, else min-max.</summary>
    Auto,

    /// <summary>The window at <see cref="RenderParameters.VoiIndex"/> (fails when there is none).</summary>
    Window,

    /// <summary>The VOI LUT at <see cref="RenderParameters.VoiIndex"/> (fails when there is none).</summary>
    VoiLut,

    /// <summary>A linear window over the smallest and largest modality value of the frame.</summary>
    MinMax,
}
