using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Pixels;

namespace PixelScrub.Cleaning;

/// <summary>
/// Cleans encapsulated (compressed) pixel data of some transfer syntaxes: the JPEG DCT-domain redactor, or a codec's
/// decode, native clean, encode. Registered explicitly by transfer syntax (no reflection).
/// </summary>
internal interface IEncapsulatedCleaner
{
    /// <summary>Short name for the report ("jpeg-dct", "rle", ...).</summary>
    string Name { get; }

    bool Handles(TransferSyntax syntax);

    /// <summary>
    /// Cleans every frame. Replaces the pixel data element (and, if the output syntax differs, sets it on the file);
    /// throws our exception types on corrupt or unsupported data, leaving the file unchanged.
    /// </summary>
    CleanResult Clean(DicomFile file, DicomFragments pixelData, PixelLayout layout, PixelMask mask, CleanOptions options);
}
