namespace PixelScrub.Tests.Support;

/// <summary>
/// A temp folder for a test (or a test class), made at once and removed with all it holds when disposed. It stands for
/// its path wherever a path string is wanted. A folder that cannot be removed is left behind: it does no harm.
/// </summary>
internal sealed class TempFolder(string prefix = "pixelscrub-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path inside the folder.</summary>
    public string P(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public static implicit operator string(TempFolder folder) => folder.Path;

    public override string ToString() => Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left behind (already gone, or a file the test made unremovable)
        }
    }
}
