using System.Buffers.Binary;

namespace PixelScrub.Tests.Support;

/// <summary>Frame counts of an APNG file: acTL's num_frames, and the fcTL chunks pngcheck lists.</summary>
public static class ApngFacts
{
    /// <summary>num_frames of the acTL chunk (read from the bytes), or -1 when there is none.</summary>
    public static int DeclaredFrames(string path)
    {
        var b = File.ReadAllBytes(path);
        int pos = 8;
        while (pos + 8 <= b.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(b, pos + 4, 4);
            if (type == "acTL") return BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(pos + 8));
            pos += 12 + length;
        }

        return -1;
    }

    /// <summary>How many fcTL chunks `pngcheck -v` lists (one per frame); pngcheck also validates every chunk's CRC.</summary>
    public static int FrameControlChunks(string pngcheckVerboseOutput) =>
        pngcheckVerboseOutput.Split('\n').Count(l => l.TrimStart().StartsWith("chunk fcTL", StringComparison.Ordinal));
}
