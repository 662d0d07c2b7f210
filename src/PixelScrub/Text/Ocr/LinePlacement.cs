using PixelScrub.Masks;
using PixelScrub.Text.Proposals;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// Where a <see cref="LineImage"/> comes from: the part of the frame it shows (the candidate's box padded, clipped to the
/// frame) and the upscale factor. A function of the box and the frame's size only, so a reading kept from an earlier
/// frame maps back without preparing the image again.
/// </summary>
internal readonly record struct LinePlacement(Region Crop, double Scale)
{
    private const double TargetHeight = 40;

    public static LinePlacement Of(GreyImage frame, Region box)
    {
        // More room along the row: a box from the stroke map may stop short of the last glyph's edge.
        int pad = Math.Max(2, box.Height / 4), padX = 2 + box.Height / 2;
        var crop = new Region(box.X0 - padX, box.Y0 - pad, box.X1 + padX, box.Y1 + pad).ClipTo(frame.Width, frame.Height);
        return new LinePlacement(crop, Math.Clamp(TargetHeight / box.Height, 1, 4));
    }

    /// <summary>A box in the line image's coordinates (margin <see cref="LineImage.Border"/> included), in the frame's (clipped to the crop).</summary>
    public Region ToFrame(Region box)
    {
        int x0 = Crop.X0 + (int)Math.Floor((box.X0 - LineImage.Border) / Scale);
        int y0 = Crop.Y0 + (int)Math.Floor((box.Y0 - LineImage.Border) / Scale);
        int x1 = Crop.X0 + (int)Math.Ceiling((box.X1 - LineImage.Border) / Scale);
        int y1 = Crop.Y0 + (int)Math.Ceiling((box.Y1 - LineImage.Border) / Scale);
        return new Region(Math.Clamp(x0, Crop.X0, Crop.X1), Math.Clamp(y0, Crop.Y0, Crop.Y1), Math.Clamp(x1, Crop.X0, Crop.X1), Math.Clamp(y1, Crop.Y0, Crop.Y1));
    }
}
