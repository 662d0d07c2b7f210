using System.Globalization;
using PixelScrub.Dicom;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>Header updates of the transcoder: image attributes that follow the new encoding, and the lossy compression history.</summary>
internal sealed partial class Transcoder
{
    /// <summary>Photometric Interpretation and Planar Configuration as the written frames have them.</summary>
    private static void SetDecodedAttributes(DicomDataset ds, PixelLayout before, PixelLayout written, List<string> notes)
    {
        if (written.Photometric != before.Photometric)
        {
            ds.SetString(PixelDataDescription.PhotometricInterpretation, DicomVR.CS, written.Photometric);
            notes.Add($"Photometric Interpretation {before.Photometric} -> {written.Photometric}");
        }

        if (written.SamplesPerPixel > 1 && (written.PlanarConfiguration != before.PlanarConfiguration || !ds.Contains(PixelDataDescription.PlanarConfiguration)))
        {
            ds.SetUInt16(PixelDataDescription.PlanarConfiguration, (ushort)written.PlanarConfiguration);
            if (written.PlanarConfiguration != before.PlanarConfiguration)
            {
                notes.Add($"Planar Configuration {before.PlanarConfiguration} -> {written.PlanarConfiguration}");
            }
        }
    }

    /// <summary>
    /// Data once compressed lossily stays marked so (PS3.3 C.7.6.1.1.5: once "01", never reset): a missing Lossy Image
    /// Compression is set to "01"; a value present is kept.
    /// </summary>
    private static void KeepLossyMark(DicomDataset ds, TransferSyntax source, List<string> notes)
    {
        var current = ds.GetString(LossyImageCompression)?.Trim();
        if (string.IsNullOrEmpty(current))
        {
            ds.SetString(LossyImageCompression, DicomVR.CS, "01");
            notes.Add($"Lossy Image Compression set to 01 (decoded from {source.Name})");
        }
        else
        {
            notes.Add($"Lossy Image Compression kept ({current})");
        }
    }

    /// <summary>
    /// After a lossy encode: Lossy Image Compression "01", and the ratio and method appended to the history
    /// (PS3.3 C.7.6.1.1.5: one ratio and one method per lossy step, in order), and a Derivation Description.
    /// </summary>
    private static void MarkLossy(DicomDataset ds, double ratio, List<string> notes)
    {
        ds.SetString(LossyImageCompression, DicomVR.CS, "01");
        var ratios = new List<string>(ds.GetValues(LossyImageCompressionRatio) ?? []);
        var methods = new List<string>(ds.GetValues(LossyImageCompressionMethod) ?? []);
        string ratioText = ratio.ToString("0.##", CultureInfo.InvariantCulture);
        ratios.Add(ratioText);
        methods.Add("ISO_10918_1"); // PS3.3 C.7.6.1.1.5.1: JPEG lossy compression
        ds.SetString(LossyImageCompressionRatio, DicomVR.DS, [.. ratios]);
        ds.SetString(LossyImageCompressionMethod, DicomVR.CS, [.. methods]);
        var previous = ds.GetString(CodecCleaner.DerivationDescription);
        var text = $"Lossy compression with JPEG Baseline by PixelScrub, quality {BaselineQuality}, compression ratio {ratioText}.";
        ds.SetString(CodecCleaner.DerivationDescription, DicomVR.ST, string.IsNullOrEmpty(previous) ? text : previous + " " + text);
        notes.Add($"lossy JPEG Baseline (quality {BaselineQuality}, ratio {ratioText}): Lossy Image Compression 01, ratio and method ISO_10918_1 recorded");
    }
}
