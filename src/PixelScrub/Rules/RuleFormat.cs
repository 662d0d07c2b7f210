namespace PixelScrub.Rules;

/// <summary>The three rule file formats PixelScrub reads, told apart by content.</summary>
public enum RuleFormat
{
    /// <summary>A CTP DicomFilter expression (e.g. BurnedInPixelsFilter.script): true means the file may continue.</summary>
    CtpFilter,

    /// <summary>A CTP DicomPixelAnonymizer script: <c>{ expression } (x,y,w,h) ...</c> signatures, first match wins.</summary>
    CtpPixel,

    /// <summary>A deid recipe (<c>FORMAT dicom</c>, <c>%filter</c> sections of LABELs).</summary>
    Deid,
}
