namespace PixelScrub.Pipeline.Sources;

/// <summary>Where input files come from (the folder walk; later a network spool or a manifest).</summary>
public interface IInputSource
{
    /// <summary>The inputs, each with the relative path its output mirrors.</summary>
    IEnumerable<InputFile> Files();
}
