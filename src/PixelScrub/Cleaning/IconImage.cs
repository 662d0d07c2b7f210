namespace PixelScrub.Cleaning;

/// <summary>
/// The pixels of a regenerated Icon Image Sequence item: 8 bits allocated and stored, unsigned,
/// MONOCHROME2 for one channel, RGB colour-by-pixel for three.
/// </summary>
internal sealed record IconImage(byte[] Pixels, int Columns, int Rows, int Channels)
{
    public string Photometric => Channels == 1 ? "MONOCHROME2" : "RGB";
}
