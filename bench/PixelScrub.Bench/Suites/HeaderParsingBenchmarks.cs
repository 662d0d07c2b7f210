using BenchmarkDotNet.Attributes;
using PixelScrub.Dicom;

namespace PixelScrub.Bench.Suites;

/// <summary>Header-only parsing of every corpus file DCMTK reads (one operation = the whole corpus, from memory and from disk).</summary>
[MemoryDiagnoser]
public class HeaderParsingBenchmarks
{
    private string[] _paths = [];
    private byte[][] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _paths = Directory.EnumerateFiles(SharedPaths.Corpus, "*.dcm", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith("MR_truncated.dcm", StringComparison.Ordinal) && !p.EndsWith("no_meta.dcm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        _bytes = _paths.Select(File.ReadAllBytes).ToArray();
    }

    [Benchmark(Description = "header-only, corpus from memory")]
    public int FromMemory()
    {
        int n = 0;
        foreach (var b in _bytes) n += DicomFile.Read(new MemoryStream(b, writable: false), DicomReadOptions.Header).Dataset.Count;
        return n;
    }

    [Benchmark(Description = "header-only, corpus from disk")]
    public int FromDisk()
    {
        int n = 0;
        foreach (var p in _paths) n += DicomFile.Open(p, DicomReadOptions.Header).Dataset.Count;
        return n;
    }

    [Benchmark(Description = "first 8 KiB of each file (I/O floor)")]
    public int ReadFirst8K()
    {
        int n = 0;
        Span<byte> buffer = stackalloc byte[8192];
        foreach (var p in _paths)
        {
            using var fs = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            n += fs.Read(buffer);
        }

        return n;
    }
}
