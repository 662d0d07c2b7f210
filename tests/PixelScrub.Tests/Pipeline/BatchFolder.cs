using PixelScrub.Pipeline;
using PixelScrub.Rules;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;
using PixelScrub.Text;

namespace PixelScrub.Tests.Pipeline;

/// <summary>A temp folder for one batch test, with the demo samples as input when asked; removed afterwards.</summary>
internal sealed class BatchFolder : IDisposable
{
    private readonly TempFolder _root = new("pixelscrub-batch-");

    public BatchFolder(bool samples = true)
    {
        if (samples) DemoSamples.Write(In);
    }

    public string Root => _root.Path;
    public string In => Path.Combine(Root, "in");
    public string Out => Path.Combine(Root, "out");

    public string P(params string[] parts) => _root.P(parts);

    /// <summary>Rules only (text off): these tests are about walking, paths and sinks; OCR of the samples would only add time.</summary>
    public BatchOptions Options(params string[] inputs) => new()
    {
        Inputs = inputs.Length > 0 ? inputs : [In],
        OutputDirectory = Out,
        Rules = RuleSet.Defaults,
        Jobs = 2,
        Text = TextOptions.Off,
    };

    /// <summary>Every file under a folder with its bytes, to show that a run changed nothing there.</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null)
            .ToDictionary(f => f, File.ReadAllBytes);

    public void Dispose() => _root.Dispose();
}
