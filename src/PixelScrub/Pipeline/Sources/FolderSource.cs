namespace PixelScrub.Pipeline.Sources;

/// <summary>Files and folders given on the command line, walked in a stable order; the run's own folders are left out.</summary>
internal sealed class FolderSource(IReadOnlyList<string> inputs, IReadOnlyList<string> exclude) : IInputSource
{
    public IEnumerable<InputFile> Files() => InputFile.Enumerate(inputs, exclude);
}
