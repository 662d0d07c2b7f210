using PixelScrub.Dicom;

namespace PixelScrub.Deidentification;

/// <summary>
/// De-identifies the header of one file (a CTP DicomAnonymizer script, a deid %header recipe, a built-in profile). Reads
/// the original header from the context (so one element's new value never feeds another's), edits the file's dataset
/// and meta group in place, and says whether the file may go on or must be quarantined. Thread-safe: one instance
/// serves every worker of a batch.
/// </summary>
public interface IHeaderAnonymizer
{
    /// <summary>What it is, for reports and De-identification Method: "CTP script DicomServiceAnonymizer.script".</summary>
    string Name { get; }

    /// <summary>
    /// Identifies what this anonymizer writes (spec content and parameters, hashed), so a resumed run redoes files done
    /// under another spec. Never contains a parameter's text.
    /// </summary>
    string Key { get; }

    /// <summary>Applies the actions to <paramref name="file"/> (dataset and meta group); the input on disk is not touched.</summary>
    HeaderResult Apply(DicomFile file, HeaderContext context);

    /// <summary>The resolved action per attribute and what the spec leaves untouched, for `pixelscrub header show`.</summary>
    HeaderExplanation Explain();
}
