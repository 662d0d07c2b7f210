using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PixelScrub.Masks;

namespace PixelScrub.Cleaning;

/// <summary>
/// Clears (sets to 0) the bits of an overlay plane (60xx,3000) that lie under the clean parts of the image's
/// mask. Overlay Data is 1 bit per pixel, packed least significant bit first, frames back to back with no
/// padding between them (PS3.3 C.9.2, PS3.5 8.1.2). Overlay Origin (60xx,0050) is 1-based and relative to
/// the image: origin (1,1) puts overlay pixel (0,0) on image pixel (0,0).
/// </summary>
internal static class OverlayCleaner
{
    private const uint TagOverlayData = 0x60003000;

    /// <summary>
    /// Clears the overlay bits under the mask in every overlay frame, in place. Returns the number of overlay
    /// pixels cleared per frame times the frames (0: the overlay does not meet a clean region).
    /// </summary>
    /// <param name="bigEndianWords">true when the data is OW read from Explicit VR Big Endian and left in file
    /// byte order (16-bit words byte-swapped); false for the little endian bit stream.</param>
    public static long Clean(Span<byte> overlayData, int overlayRows, int overlayColumns, int originRow, int originColumn,
        int frames, PixelMask mask, bool bigEndianWords = false)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (overlayRows <= 0 || overlayColumns <= 0 || frames <= 0)
        {
            throw new DicomFormatException($"overlay is {overlayRows}x{overlayColumns} with {frames} frame(s)", 0, TagOverlayData);
        }

        long bitsPerFrame = (long)overlayRows * overlayColumns;
        long needBytes = (bitsPerFrame * frames + 7) / 8;
        if (overlayData.Length < needBytes)
        {
            throw new DicomFormatException($"overlay data holds {overlayData.Length} bytes but {overlayRows}x{overlayColumns}x{frames} bits need {needBytes}", overlayData.Length, TagOverlayData);
        }

        if (bigEndianWords && overlayData.Length % 2 != 0)
        {
            throw new DicomFormatException("big endian OW overlay data has an odd length", overlayData.Length, TagOverlayData);
        }

        // Image row y holds overlay row y - (originRow - 1); columns likewise.
        long rowShift = (long)originRow - 1;
        long colShift = (long)originColumn - 1;
        long firstRow = Math.Max(0, -rowShift);
        long lastRow = Math.Min(overlayRows, mask.Rows - rowShift); // exclusive
        if (firstRow >= lastRow) return 0;

        var words = MemoryMarshal.Cast<byte, ushort>(overlayData[..(overlayData.Length & ~1)]);
        if (bigEndianWords) BinaryPrimitives.ReverseEndianness(words, words);
        try
        {
            long cleared = 0;
            for (long r = firstRow; r < lastRow; r++)
            {
                var runs = mask.CleanRuns((int)(r + rowShift));
                foreach (var (x0, x1) in runs)
                {
                    long c0 = Math.Max(0, x0 - colShift);
                    long c1 = Math.Min(overlayColumns, x1 - colShift);
                    if (c1 <= c0) continue;
                    for (int f = 0; f < frames; f++)
                    {
                        PatternFill.SetBits(overlayData, f * bitsPerFrame + r * overlayColumns + c0, c1 - c0, false);
                    }

                    cleared += (c1 - c0) * frames;
                }
            }

            return cleared;
        }
        finally
        {
            if (bigEndianWords) BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
