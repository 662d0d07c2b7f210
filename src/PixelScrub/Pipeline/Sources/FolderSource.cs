namespace PixelScrub.Pipeline.Sources;

/// <summary>
/// Files and folders given on the command line, walked safely and in a stable order (<see cref="InputWalk"/>); the run's
/// own folders are left out. Entries that are not read (FIFOs, devices, links not followed) come out with
/// <see cref="InputFile.NotRead"/> set.
/// </summary>
internal sealed class FolderSource(IReadOnlyList<string> inputs, IReadOnlyList<string> exclude, OutputLayout layout = OutputLayout.Mirror,
    bool followLinks = false) : IInputSource
{
    public IEnumerable<InputFile> Files() => new InputWalk(layout, followLinks, exclude).Walk(inputs);
}
