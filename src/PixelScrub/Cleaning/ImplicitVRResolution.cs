using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// Chooses, for a dataset read in implicit VR, the VR its ambiguous elements need when written in explicit VR
/// (PS3.5 A.1 c and the "US or SS" / "US or SS or OW" entries of PS3.6): pixel-valued attributes are SS when Pixel
/// Representation is 1, and a US/SS value too long for a 16-bit length (LUT Data) becomes OW. The reader took the
/// dictionary's first choice.
/// </summary>
internal static class ImplicitVRResolution
{
    public static void Resolve(DicomDataset dataset, bool signedPixels)
    {
        for (int i = 0; i < dataset.Count; i++)
        {
            var e = dataset[i];
            if (e is DicomSequence seq)
            {
                foreach (var item in seq.Items) Resolve(item, signedPixels);
                continue;
            }

            if (e is DicomFragments || !DicomDictionary.TryGetEntry(e.Tag, out var entry) || !entry.VR.Contains(" or ", StringComparison.Ordinal)) continue;
            var vr = e.VR;
            // LUT descriptors stay US: their first and third values are unsigned whatever the pixel representation (PS3.3 C.11.1.1).
            if (vr == DicomVR.US && signedPixels && entry.VR.Contains("SS", StringComparison.Ordinal) && !entry.Keyword.EndsWith("Descriptor", StringComparison.Ordinal))
            {
                vr = DicomVR.SS;
            }

            if ((vr == DicomVR.US || vr == DicomVR.SS) && e.Value.Length > 0xFFFF && entry.VR.Contains("OW", StringComparison.Ordinal)) vr = DicomVR.OW;
            if (vr != e.VR) dataset.Set(new DicomElement(e.Tag, vr, e.Value) { SourceOffset = e.SourceOffset });
        }
    }
}
