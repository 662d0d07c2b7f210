namespace PixelScrub.Text;

/// <summary>What `clean --text` does with the text in the pixels.</summary>
public enum TextMode
{
    /// <summary>Rules only; pixels are never read.</summary>
    Off,

    /// <summary>Each output (cleaned or passed) is read before it is written; PHI text left sends it to quarantine.</summary>
    Verify,

    /// <summary>Text judged PHI is added to the mask and cleaned, then the output is verified.</summary>
    Redact,
}
