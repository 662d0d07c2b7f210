namespace PixelScrub.Pipeline;

/// <summary>Where each input's output goes under OUT (and the quarantine folder).</summary>
public enum OutputLayout
{
    /// <summary>
    /// The default: a single folder's contents directly under OUT; with several inputs, each under its own last name
    /// (OUT/NAME/...), a file input as OUT/NAME. Two inputs with the same name collide, and the run is refused.
    /// </summary>
    Mirror,

    /// <summary>Each file under its whole absolute path (OUT/home/ana/scans/x.dcm): names never collide.</summary>
    FullPath,
}
