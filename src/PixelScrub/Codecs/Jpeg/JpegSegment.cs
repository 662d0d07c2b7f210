namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// One marker and its segment in a code stream: the marker code, where its 0xFF is, and where its parameters
/// are (empty for stand-alone markers). <see cref="End"/> is the offset just past the segment.
/// </summary>
internal readonly record struct JpegSegment(byte Marker, int Offset, int PayloadOffset, int PayloadLength)
{
    public int End => PayloadOffset + PayloadLength;
}
