using System.Buffers.Binary;
using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// Builds new encapsulated pixel data from per-frame code streams (PS3.5 A.4): one fragment per rewritten frame (padded
/// to even length), original fragments kept for frames that did not change, and the offset tables rewritten: the
/// Extended Offset Table (and its lengths) when the file had one, otherwise a Basic Offset Table when the file had one
/// or holds several frames and the offsets fit in 32 bits.
/// </summary>
internal static class EncapsulatedRewrite
{
    /// <param name="newFrames">for each frame, its new code stream (even length, e.g. from a <see cref="FrameSpool"/>), or null
    /// to keep the frame's original fragments</param>
    public static void Apply(DicomDataset ds, DicomFragments original, IReadOnlyList<FrameFragments> frames, IReadOnlyList<ElementValue?> newFrames)
    {
        var fragments = new List<ElementValue>();
        var frameOffsets = new long[frames.Count];
        var frameLengths = new long[frames.Count];
        long position = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            frameOffsets[f] = position;
            long start = position;
            if (newFrames[f] is ElementValue data)
            {
                if ((data.Length & 1) == 1) throw new ArgumentException("fragments have even length (PS3.5 A.4)", nameof(newFrames));
                fragments.Add(data);
                position += 8 + data.Length;
            }
            else
            {
                for (int i = 0; i < frames[f].FragmentCount; i++)
                {
                    var frag = original.Fragments[frames[f].FirstFragment + i];
                    fragments.Add(frag);
                    position += 8 + frag.Length;
                }
            }

            frameLengths[f] = position - start - 8L * (newFrames[f] is null ? frames[f].FragmentCount : 1);
        }

        bool hadEot = ds.Get(DicomTag.ExtendedOffsetTable) is { Value.Length: > 0 };
        bool basic = !hadEot && (original.OffsetTable.Length > 0 || frames.Count > 1);
        Store(ds, original.Tag, original.VR, original.SourceOffset, fragments, frameOffsets, frameLengths, hadEot, basic);
    }

    /// <summary>
    /// Replaces the pixel data of <paramref name="ds"/> with new encapsulated pixel data (PS3.5 A.4), one fragment per
    /// frame: a Basic Offset Table for several frames when the offsets fit in 32 bits, else an Extended Offset Table;
    /// any earlier Extended Offset Table is dropped. For a native file being encapsulated (transcoding).
    /// </summary>
    public static void Create(DicomDataset ds, DicomTag tag, IReadOnlyList<ElementValue> newFrames)
    {
        var fragments = new List<ElementValue>(newFrames.Count);
        var frameOffsets = new long[newFrames.Count];
        var frameLengths = new long[newFrames.Count];
        long position = 0;
        for (int f = 0; f < newFrames.Count; f++)
        {
            var data = newFrames[f];
            if ((data.Length & 1) == 1) throw new ArgumentException("fragments have even length (PS3.5 A.4)", nameof(newFrames));
            fragments.Add(data);
            frameOffsets[f] = position;
            frameLengths[f] = data.Length;
            position += 8 + data.Length;
        }

        ds.Remove(DicomTag.ExtendedOffsetTable);
        ds.Remove(DicomTag.ExtendedOffsetTableLengths);
        bool multi = newFrames.Count > 1;
        bool extended = multi && position > uint.MaxValue;
        Store(ds, tag, DicomVR.OB, -1, fragments, frameOffsets, frameLengths, extended, multi && !extended);
    }

    private static void Store(DicomDataset ds, DicomTag tag, DicomVR vr, long sourceOffset, List<ElementValue> fragments,
        long[] frameOffsets, long[] frameLengths, bool extendedTable, bool basicTable)
    {
        int frames = frameOffsets.Length;
        long position = 0;
        foreach (var frag in fragments) position += 8 + frag.Length;
        ElementValue bot = ElementValue.Empty;
        if (extendedTable)
        {
            var offsets = new byte[frames * 8];
            var lengths = new byte[frames * 8];
            for (int f = 0; f < frames; f++)
            {
                WriteU64(offsets.AsSpan(f * 8), (ulong)frameOffsets[f], ds.BigEndian);
                WriteU64(lengths.AsSpan(f * 8), (ulong)frameLengths[f], ds.BigEndian);
            }

            ds.Set(new DicomElement(DicomTag.ExtendedOffsetTable, DicomVR.OV, ElementValue.FromBytes(offsets)));
            ds.Set(new DicomElement(DicomTag.ExtendedOffsetTableLengths, DicomVR.OV, ElementValue.FromBytes(lengths)));
        }
        else if (basicTable && position <= uint.MaxValue)
        {
            var table = new byte[frames * 4];
            for (int f = 0; f < frames; f++)
            {
                if (ds.BigEndian) BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(f * 4), (uint)frameOffsets[f]);
                else BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(f * 4), (uint)frameOffsets[f]);
            }

            bot = ElementValue.FromBytes(table);
        }

        var fragmentOffsets = new List<long>(fragments.Count);
        long p = 0;
        foreach (var frag in fragments)
        {
            fragmentOffsets.Add(p);
            p += 8 + frag.Length;
        }

        ds.Set(new DicomFragments(tag, vr, bot, fragments, fragmentOffsets) { SourceOffset = sourceOffset });
    }

    private static void WriteU64(Span<byte> b, ulong v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v);
        else BinaryPrimitives.WriteUInt64LittleEndian(b, v);
    }
}
