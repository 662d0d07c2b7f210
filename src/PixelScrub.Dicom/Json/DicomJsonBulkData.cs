namespace PixelScrub.Dicom.Json;

/// <summary>How the DICOM JSON writer shows bulk data (OB, OD, OF, OL, OV, OW, UN and pixel data).</summary>
public enum DicomJsonBulkData
{
    /// <summary>A <c>"BulkDataURI"</c> where the value's bytes can be fetched (PS3.18 F.2.6); by default
    /// <c>file:///path#offset=O&amp;length=L</c> into the source file. Values with no known location get no URI.</summary>
    Uri,

    /// <summary>Only <c>"vr"</c> is written: the attribute is listed, its value left out.</summary>
    Omit,

    /// <summary>An <c>"InlineBinary"</c> base64 string of the value in little endian byte order (PS3.18 F.2.7), as
    /// dcm2json writes; values larger than <see cref="DicomJsonOptions.InlineBinaryLimit"/> and encapsulated pixel
    /// data get a <c>"BulkDataURI"</c> instead.</summary>
    InlineBinary,
}
