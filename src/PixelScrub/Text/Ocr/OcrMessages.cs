using System.Buffers.Binary;
using System.Text;
using PixelScrub.Masks;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// The payloads of an OCR request to the native worker (operation <see cref="Codecs.Native.NativeCodecProtocol.Recognise"/>),
/// little endian. Request: flags (int32; bit 0: try inverted, see <see cref="IOcrReader.Read"/>), image count (int32), then per image width, height (int32) and width*height grey bytes.
/// Response: per image a word count (int32), then per word x0, y0, x1, y1 (int32), confidence (float32) and the text
/// (int32 byte count + UTF-8).
/// </summary>
internal static class OcrMessages
{
    /// <summary>Most images in one request, and most words per image.</summary>
    public const int MaxItems = 4096;

    public static byte[] WriteImages(IReadOnlyList<OcrImage> images, bool tryInverted)
    {
        using var ms = new MemoryStream();
        var four = new byte[4];
        void Int(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, v);
            ms.Write(four);
        }

        Int(tryInverted ? 1 : 0);
        Int(images.Count);
        foreach (var image in images)
        {
            Int(image.Width);
            Int(image.Height);
            ms.Write(image.Pixels, 0, image.Width * image.Height);
        }

        return ms.ToArray();
    }

    public static List<OcrImage> ReadImages(ReadOnlySpan<byte> payload, out bool tryInverted)
    {
        int pos = 0;
        int flags = Int(payload, ref pos);
        if ((flags & ~1) != 0) throw new InvalidDataException($"an OCR request has unknown flags {flags:X}");
        tryInverted = (flags & 1) != 0;
        int count = Int(payload, ref pos);
        if (count < 0 || count > MaxItems) throw new InvalidDataException($"an OCR request declares {count} images");
        var images = new List<OcrImage>(count);
        for (int i = 0; i < count; i++)
        {
            int w = Int(payload, ref pos), h = Int(payload, ref pos);
            if (w <= 0 || h <= 0 || w > OcrImage.MaxSide || h > OcrImage.MaxSide || (long)w * h > payload.Length - pos)
                throw new InvalidDataException($"an OCR request declares a {w}x{h} image with {payload.Length - pos} bytes left");
            images.Add(new OcrImage(w, h, payload.Slice(pos, w * h).ToArray()));
            pos += w * h;
        }

        return images;
    }

    public static byte[] WriteWords(IReadOnlyList<List<OcrWord>> perImage)
    {
        using var ms = new MemoryStream();
        var four = new byte[4];
        void Int(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, v);
            ms.Write(four);
        }

        foreach (var words in perImage)
        {
            Int(words.Count);
            foreach (var w in words)
            {
                Int(w.Box.X0);
                Int(w.Box.Y0);
                Int(w.Box.X1);
                Int(w.Box.Y1);
                BinaryPrimitives.WriteSingleLittleEndian(four, w.Confidence);
                ms.Write(four);
                byte[] text = Encoding.UTF8.GetBytes(w.Text);
                Int(text.Length);
                ms.Write(text);
            }
        }

        return ms.ToArray();
    }

    public static List<List<OcrWord>> ReadWords(ReadOnlySpan<byte> payload, int images)
    {
        int pos = 0;
        var result = new List<List<OcrWord>>(images);
        for (int i = 0; i < images; i++)
        {
            int n = Int(payload, ref pos);
            if (n < 0 || n > MaxItems) throw new InvalidDataException($"an OCR response declares {n} words");
            var words = new List<OcrWord>(n);
            for (int k = 0; k < n; k++)
            {
                var box = new Region(Int(payload, ref pos), Int(payload, ref pos), Int(payload, ref pos), Int(payload, ref pos));
                if (pos + 4 > payload.Length) throw new InvalidDataException("an OCR response ends early");
                float conf = BinaryPrimitives.ReadSingleLittleEndian(payload[pos..]);
                pos += 4;
                int len = Int(payload, ref pos);
                if (len < 0 || len > payload.Length - pos) throw new InvalidDataException("an OCR response ends early");
                words.Add(new OcrWord(Encoding.UTF8.GetString(payload.Slice(pos, len)), box, conf));
                pos += len;
            }

            result.Add(words);
        }

        return result;
    }

    private static int Int(ReadOnlySpan<byte> s, ref int pos)
    {
        if (pos + 4 > s.Length) throw new InvalidDataException("an OCR message ends early");
        int v = BinaryPrimitives.ReadInt32LittleEndian(s[pos..]);
        pos += 4;
        return v;
    }
}
