using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>
/// Rebuilds the file meta group after the header is de-identified (as CTP's DicomAnonymizer does through dcm4che's
/// newFileMetaInfo): Media Storage SOP Class/Instance UID from the dataset's (0008,0016)/(0008,0018), so (0002,0003)
/// carries the new SOP Instance UID; the transfer syntax kept; PixelScrub's implementation UID and name; nothing else
/// (source AE titles and private meta elements are dropped). A zero preamble replaces the old one. A file read without
/// meta is given one, and an implicit VR little endian dataset is written Explicit VR Little Endian (as CTP does).
/// </summary>
internal static class FileMetaRebuilder
{
    public static void Rebuild(DicomFile file)
    {
        bool hadMeta = file.Meta.Count > 0 && !file.TransferSyntaxDetected;
        if (!hadMeta && file.TransferSyntax == TransferSyntax.ImplicitVRLittleEndian)
        {
            file.SetTransferSyntax(TransferSyntax.ExplicitVRLittleEndian);
        }

        var ds = file.Dataset;
        var meta = file.Meta;
        meta.RemoveAll(_ => true);
        meta.Set(new DicomElement(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, ElementValue.FromBytes(new byte[4])));
        meta.Set(new DicomElement(new DicomTag(0x0002, 0x0001), DicomVR.OB, ElementValue.FromBytes(new byte[] { 0, 1 })));
        meta.SetString(DicomTag.MediaStorageSOPClassUID, DicomVR.UI, UidText(ds, new DicomTag(0x0008, 0x0016)));
        meta.SetString(DicomTag.MediaStorageSOPInstanceUID, DicomVR.UI, UidText(ds, new DicomTag(0x0008, 0x0018)));
        meta.SetString(DicomTag.TransferSyntaxUID, DicomVR.UI, file.TransferSyntax.Uid);
        meta.SetString(new DicomTag(0x0002, 0x0012), DicomVR.UI, DicomFile.ImplementationClassUid);
        meta.SetString(new DicomTag(0x0002, 0x0013), DicomVR.SH, DicomFile.ImplementationVersion);
        meta.MarkModified();
        file.Preamble = new byte[128];
        ds.MarkModified();
    }

    private static string UidText(DicomDataset ds, DicomTag tag)
    {
        var e = ds.Get(tag);
        if (e is null) return "";
        if (e.VR == DicomVR.UN) return DicomText.Default.DecodeValues(e.Value.GetBytes().Span, DicomVR.UI).FirstOrDefault() ?? "";
        return ds.GetValues(tag)?.FirstOrDefault() ?? "";
    }
}
