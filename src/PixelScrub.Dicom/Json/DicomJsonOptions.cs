namespace PixelScrub.Dicom.Json;

/// <summary>Options of <see cref="DicomJsonWriter"/>.</summary>
public sealed record DicomJsonOptions
{
    /// <summary>How bulk data is shown; URIs by default.</summary>
    public DicomJsonBulkData BulkData { get; init; } = DicomJsonBulkData.Uri;

    /// <summary>The largest value written inline with <see cref="DicomJsonBulkData.InlineBinary"/>; 1 MiB by default.</summary>
    public long InlineBinaryLimit { get; init; } = 1 << 20;

    /// <summary>Makes the URI of a bulk value from its location; null gives the default <c>file://</c> form.
    /// Returning null leaves the URI out for that value.</summary>
    public Func<DicomBulkDataLocation, string?>? BulkDataUri { get; init; }

    /// <summary>Also write group length elements (gggg,0000), which the model leaves out by default.</summary>
    public bool IncludeGroupLengths { get; init; }

    /// <summary>Indent the output (as <c>dcm2json</c> does by default).</summary>
    public bool Indented { get; init; }

    public static readonly DicomJsonOptions Default = new();
}
