using System.Buffers.Binary;

namespace PixelScrub.Dicom;

/// <summary>One frame of encapsulated pixel data: a run of consecutive fragments.</summary>
public readonly record struct FrameFragments(int FirstFragment, int FragmentCount);

/// <summary>
/// Locates frames in encapsulated pixel data (PS3.5 A.4): by the Extended Offset Table (7FE0,0001) when present, else by
/// a non-empty Basic Offset Table, else one frame per fragment when the counts agree, else by codestream start markers
/// at fragment starts (JPEG SOI, JPEG 2000 SOC or JP2 signature), else (one frame) all fragments.
/// </summary>
public static class EncapsulatedFrames
{
    public static IReadOnlyList<FrameFragments> Locate(DicomDataset dataset, DicomFragments pixelData, int numberOfFrames)
    {
        if (numberOfFrames < 1) throw new DicomFormatException($"Number of Frames is {numberOfFrames}", pixelData.SourceOffset, pixelData.Tag.Value);
        int n = pixelData.Fragments.Count;
        if (n == 0) throw new DicomFormatException("encapsulated pixel data has no fragments", pixelData.SourceOffset, pixelData.Tag.Value);

        var eot = dataset.Get(DicomTag.ExtendedOffsetTable);
        if (eot is not null && eot.Value.Length > 0)
        {
            var b = eot.Value.GetBytes().Span;
            var offsets = new long[b.Length / 8];
            for (int i = 0; i < offsets.Length; i++)
            {
                offsets[i] = (long)(dataset.BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b[(i * 8)..]) : BinaryPrimitives.ReadUInt64LittleEndian(b[(i * 8)..]));
            }

            return FromOffsets(pixelData, offsets, numberOfFrames, "Extended Offset Table");
        }

        var bot = pixelData.OffsetTable;
        if (bot.Length > 0)
        {
            if (bot.Length % 4 != 0) throw new DicomFormatException($"Basic Offset Table length {bot.Length} is not a multiple of 4", pixelData.SourceOffset, pixelData.Tag.Value);
            var b = bot.GetBytes().Span;
            var offsets = new long[b.Length / 4];
            for (int i = 0; i < offsets.Length; i++)
            {
                offsets[i] = dataset.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b[(i * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[(i * 4)..]);
            }

            return FromOffsets(pixelData, offsets, numberOfFrames, "Basic Offset Table");
        }

        if (numberOfFrames == 1) return [new FrameFragments(0, n)];
        if (n == numberOfFrames)
        {
            var one = new FrameFragments[n];
            for (int i = 0; i < n; i++) one[i] = new FrameFragments(i, 1);
            return one;
        }

        // No offset table and more fragments than frames: a frame starts at each fragment that opens a codestream.
        var starts = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (StartsCodestream(pixelData.Fragments[i])) starts.Add(i);
        }

        if (starts.Count != numberOfFrames || starts[0] != 0)
        {
            throw new DicomFormatException(
                $"cannot tell where the {numberOfFrames} frames start: no offset table and {n} fragments, {starts.Count} of which open a codestream",
                pixelData.SourceOffset, pixelData.Tag.Value);
        }

        var frames = new FrameFragments[numberOfFrames];
        for (int f = 0; f < numberOfFrames; f++)
        {
            int end = f + 1 < numberOfFrames ? starts[f + 1] : n;
            frames[f] = new FrameFragments(starts[f], end - starts[f]);
        }

        return frames;
    }

    private static IReadOnlyList<FrameFragments> FromOffsets(DicomFragments pixelData, long[] offsets, int numberOfFrames, string table)
    {
        if (offsets.Length != numberOfFrames)
        {
            throw new DicomFormatException($"{table} has {offsets.Length} entries for {numberOfFrames} frames", pixelData.SourceOffset, pixelData.Tag.Value);
        }

        var frames = new FrameFragments[offsets.Length];
        int fragment = 0;
        for (int f = 0; f < offsets.Length; f++)
        {
            while (fragment < pixelData.FragmentOffsets.Count && pixelData.FragmentOffsets[fragment] < offsets[f]) fragment++;
            if (fragment >= pixelData.FragmentOffsets.Count || pixelData.FragmentOffsets[fragment] != offsets[f] || (f > 0 && offsets[f] <= offsets[f - 1]))
            {
                throw new DicomFormatException($"{table} entry {f} (offset {offsets[f]}) does not point at a fragment", pixelData.SourceOffset, pixelData.Tag.Value);
            }

            frames[f] = new FrameFragments(fragment, 0);
        }

        for (int f = 0; f < frames.Length; f++)
        {
            int end = f + 1 < frames.Length ? frames[f + 1].FirstFragment : pixelData.Fragments.Count;
            frames[f] = frames[f] with { FragmentCount = end - frames[f].FirstFragment };
        }

        return frames;
    }

    private static bool StartsCodestream(ElementValue fragment)
    {
        if (fragment.Length < 2) return false;
        Span<byte> head = stackalloc byte[Math.Min(12, (int)Math.Min(fragment.Length, 12))];
        if (fragment.IsInMemory)
        {
            fragment.GetBytes().Span[..head.Length].CopyTo(head);
        }
        else if (fragment is FileRangeValue range)
        {
            using var s = range.OpenRange();
            s.ReadExactly(head);
        }
        else
        {
            return false;
        }

        if (head[0] == 0xFF && (head[1] == 0xD8 || head[1] == 0x4F)) return true;
        return head.Length >= 8 && head[4] == 'j' && head[5] == 'P' && head[6] == ' ' && head[7] == ' ';
    }

    /// <summary>The bytes of one frame (its fragments concatenated; trailing padding kept, decoders ignore it).</summary>
    public static byte[] ReadFrame(DicomFragments pixelData, FrameFragments frame)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(FrameLength(pixelData, frame));
        ReadFrame(pixelData, frame, buffer);
        return buffer;
    }

    /// <summary>The length of one frame's bytes (<see cref="ReadFrame(DicomFragments, FrameFragments)"/>); refuses one too large for an array.</summary>
    public static int FrameLength(DicomFragments pixelData, FrameFragments frame)
    {
        long total = 0;
        for (int i = 0; i < frame.FragmentCount; i++) total += pixelData.Fragments[frame.FirstFragment + i].Length;
        if (total > Array.MaxLength) throw new UnsupportedInputException($"a frame of {total} bytes is too large");
        return (int)total;
    }

    /// <summary>
    /// Reads one frame's bytes into the start of <paramref name="buffer"/> (at least <see cref="FrameLength"/> long: a
    /// caller reading many frames or files reuses one buffer instead of a large new array each time).
    /// </summary>
    public static void ReadFrame(DicomFragments pixelData, FrameFragments frame, byte[] buffer)
    {
        int pos = 0;
        for (int i = 0; i < frame.FragmentCount; i++)
        {
            var f = pixelData.Fragments[frame.FirstFragment + i];
            if (f.IsInMemory)
            {
                f.GetBytes().Span.CopyTo(buffer.AsSpan(pos));
            }
            else
            {
                using var ms = new MemoryStream(buffer, pos, (int)f.Length, writable: true);
                f.CopyTo(ms);
            }

            pos += (int)f.Length;
        }
    }
}
