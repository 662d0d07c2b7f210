namespace PixelScrub.Dicom.IO;

/// <summary>Raised inside the reader when inflated data passes its limit; <see cref="DicomFile"/> turns it into a
/// <see cref="DicomFormatException"/> naming the offset and the element being read.</summary>
internal sealed class InflateLimitExceededException(long limit) : Exception($"inflated data passes its limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
