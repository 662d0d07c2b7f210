using PixelScrub.Cleaning;

namespace PixelScrub.Pipeline;

/// <summary>The encapsulated-pixel-data cleaners, registered explicitly by transfer syntax (no reflection).</summary>
internal static class EncapsulatedCleaners
{
    public static IReadOnlyList<IEncapsulatedCleaner> All { get; } = [new JpegDctCleaner()];
}
