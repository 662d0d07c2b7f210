using System.Text;

namespace PixelScrub.Tests.Text;

/// <summary>Binary PGM (P5) and PPM (P6) images with maxval 255, as dcmj2pnm and pnmscale write them.</summary>
internal sealed record Pnm(int Width, int Height, int Channels, byte[] Pixels)
{
    public static Pnm Parse(byte[] bytes)
    {
        int pos = 0;
        string Token()
        {
            while (pos < bytes.Length)
            {
                if (bytes[pos] == '#') while (pos < bytes.Length && bytes[pos] != '\n') pos++;
                else if (char.IsWhiteSpace((char)bytes[pos])) pos++;
                else break;
            }

            int start = pos;
            while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos])) pos++;
            return Encoding.ASCII.GetString(bytes, start, pos - start);
        }

        string magic = Token();
        int w = int.Parse(Token()), h = int.Parse(Token()), max = int.Parse(Token());
        pos++;
        if (max != 255 || (magic != "P5" && magic != "P6")) throw new InvalidDataException($"unexpected PNM {magic} maxval {max}");
        int channels = magic == "P6" ? 3 : 1;
        return new Pnm(w, h, channels, bytes.AsSpan(pos, w * h * channels).ToArray());
    }

    /// <summary>Luminance of pixel (x, y).</summary>
    public int Grey(int x, int y)
    {
        int i = (y * Width + x) * Channels;
        return Channels == 1 ? Pixels[i] : (Pixels[i] * 299 + Pixels[i + 1] * 587 + Pixels[i + 2] * 114) / 1000;
    }

    /// <summary>A PGM with every pixel black or white at mid-grey.</summary>
    public static byte[] Threshold(byte[] pnm)
    {
        var img = Parse(pnm);
        var header = Encoding.ASCII.GetBytes($"P5\n{img.Width} {img.Height}\n255\n");
        var result = new byte[header.Length + img.Width * img.Height];
        header.CopyTo(result, 0);
        for (int y = 0; y < img.Height; y++)
        for (int x = 0; x < img.Width; x++)
            result[header.Length + y * img.Width + x] = img.Grey(x, y) >= 128 ? (byte)255 : (byte)0;
        return result;
    }
}
