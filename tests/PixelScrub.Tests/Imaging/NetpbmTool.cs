using System.Diagnostics;
using System.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Imaging;

/// <summary>Runs a netpbm converter (giftopnm, pngtopnm) and reads the PNM images it writes (P5/P6, 8-bit).</summary>
internal static class NetpbmTool
{
    public sealed record Pnm(int Width, int Height, int Channels, byte[] Pixels);

    /// <summary>Runs the tool with binary standard output captured; fails with the package name when missing.</summary>
    public static byte[] Run(string tool, params string[] args)
    {
        string path;
        try
        {
            path = ReferenceTool.Require(tool);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"Reference tool '{tool}' is not installed; install it with: apt-get install -y netpbm");
        }

        var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        Assert.True(process.WaitForExit(30_000), $"{tool} timed out");
        Assert.True(process.ExitCode == 0, $"{tool} failed: {stderr.Result}");
        return output.ToArray();
    }

    /// <summary>All images of a PNM stream (giftopnm -image=all writes one per frame).</summary>
    public static List<Pnm> ReadAll(byte[] data)
    {
        var images = new List<Pnm>();
        int pos = 0;
        while (pos < data.Length)
        {
            string magic = Token(data, ref pos);
            int channels = magic switch { "P5" => 1, "P6" => 3, _ => throw new InvalidDataException($"PNM type {magic}") };
            int width = int.Parse(Token(data, ref pos));
            int height = int.Parse(Token(data, ref pos));
            int max = int.Parse(Token(data, ref pos));
            Assert.Equal(255, max);
            pos++; // one whitespace byte after the header
            int size = width * height * channels;
            images.Add(new Pnm(width, height, channels, data.AsSpan(pos, size).ToArray()));
            pos += size;
            while (pos < data.Length && char.IsWhiteSpace((char)data[pos])) pos++;
        }

        return images;
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (true)
        {
            while (char.IsWhiteSpace((char)data[pos])) pos++;
            if (data[pos] != '#') break;
            while (data[pos] != '\n') pos++;
        }

        var sb = new StringBuilder();
        while (!char.IsWhiteSpace((char)data[pos])) sb.Append((char)data[pos++]);
        return sb.ToString();
    }
}
