using System.Diagnostics;
using System.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Text;

/// <summary>
/// Independent readings of a DICOM file's pixels for the text tests: DCMTK's dcmj2pnm renders a frame, netpbm's pnmscale
/// doubles it, a plain threshold binarizes the doubled image, and the `tesseract` command (a separate process) reads all
/// three. Nothing here uses PixelScrub's renderer or OCR binding.
/// </summary>
internal static class TesseractCommand
{
    /// <summary>Renders frame <paramref name="frame"/> (1-based) with dcmj2pnm to a PNM file.</summary>
    public static string Render(string dicom, string folder, int frame = 1)
    {
        Directory.CreateDirectory(folder);
        string output = Path.Combine(folder, Path.GetFileNameWithoutExtension(dicom) + $".f{frame}.pnm");
        var (code, _, err) = ReferenceTool.Run("dcmj2pnm", ["--frame", frame.ToString(System.Globalization.CultureInfo.InvariantCulture), dicom, output]);
        if (code != 0) throw new InvalidOperationException($"dcmj2pnm failed on {dicom}: {err}");
        return output;
    }

    /// <summary>Everything tesseract reads from the rendering raw, doubled, and doubled then binarized, in one string.</summary>
    public static string ReadAllVariants(string pnm)
    {
        string doubled = pnm + ".x2.pnm";
        RunToFile("pnmscale", ["2", pnm], doubled);
        string binary = pnm + ".bin.pgm";
        File.WriteAllBytes(binary, Pnm.Threshold(File.ReadAllBytes(doubled)));
        var text = new StringBuilder();
        foreach (var image in new[] { pnm, doubled, binary })
        {
            var (code, stdout, err) = ReferenceTool.Run("tesseract", [image, "-"], 120_000);
            if (code != 0) throw new InvalidOperationException($"tesseract failed on {image}: {err}");
            text.AppendLine(stdout);
        }

        return text.ToString();
    }

    /// <summary>Upper case without white space (tesseract's spacing varies between variants).</summary>
    public static string Squeeze(string s) => new(s.ToUpperInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static void RunToFile(string tool, string[] args, string output)
    {
        var psi = new ProcessStartInfo(ReferenceTool.Require(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        using (var f = File.Create(output)) p.StandardOutput.BaseStream.CopyTo(f);
        if (!p.WaitForExit(60_000)) p.Kill(true);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {err.Result}");
    }
}
