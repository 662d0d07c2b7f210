using System.Numerics;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;

namespace PixelScrub.Network.Tests.Support;

/// <summary>Copies of one corpus file, each with its own SOP Instance UID (2.25 + a counter-derived integer), for batches.</summary>
internal static class UniqueCopies
{
    public static IReadOnlyList<string> Make(string source, string folder, int count, string prefix = "copy")
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        var baseUid = new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true) * 1000;
        for (int i = 0; i < count; i++)
        {
            using var file = DicomFile.Open(source);
            var uid = "2.25." + (baseUid + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            file.Dataset.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, uid);
            file.Meta.SetString(DicomTag.MediaStorageSOPInstanceUID, DicomVR.UI, uid);
            var path = Path.Combine(folder, $"{prefix}{i:D4}.dcm");
            DicomWriter.WriteFile(file, path);
            paths.Add(path);
        }

        return paths;
    }
}
