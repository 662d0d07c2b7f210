using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>
/// What every anonymizer does last: the pixel-cleaning marks when pixels were cleaned in this pass (113101 and Burned In
/// Annotation NO), then the file meta group rebuilt from the de-identified dataset.
/// </summary>
internal static class HeaderCompletion
{
    public static void Finish(DicomFile file, HeaderContext context)
    {
        if (context.PixelsCleaned) DeidentificationMarks.MarkPixelsCleaned(file.Dataset);
        FileMetaRebuilder.Rebuild(file);
    }
}
