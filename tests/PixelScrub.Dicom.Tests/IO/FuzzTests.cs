using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

/// <summary>
/// Seeded mutation fuzzing of the reader over the corpus (<see cref="CorpusMutator"/>, shared with the fuzz test of
/// `clean`): bit flips, truncations, length-field edits, inserted undefined lengths, random bytes. Invariants: only our exception types escape; no case hangs; allocation stays bounded by the
/// input size; whatever parses writes back and re-reads to the same bytes.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 6000;

    [Fact]
    public async Task Mutated_corpus_files_raise_only_our_exceptions_and_never_hang()
    {
        var seeds = CorpusFiles.Readable()
            .Select(CorpusFiles.PathOf)
            .Where(p => new FileInfo(p).Length < 600_000)
            .Select(File.ReadAllBytes)
            .ToArray();
        Assert.NotEmpty(seeds);
        var rng = new Random(20261121);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            var seed = seeds[rng.Next(seeds.Length)];
            var input = CorpusMutator.Mutate(seed, rng, out var what);
            var task = Task.Run(() => RunCase(input));
            if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))) != task)
            {
                Assert.Fail($"case {i} ({what}) did not finish within 10 s: the reader hangs");
            }

            var (ok, error) = await task;
            if (error is not null) Assert.Fail($"case {i} ({what}): {error}");
            if (ok) parsed++; else rejected++;
        }

        Assert.True(parsed > 100 && rejected > 100, $"mutations are too mild or too harsh: {parsed} parsed, {rejected} rejected");
    }

    private static (bool Parsed, string? Error) RunCase(byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var file = DicomFile.Read(new MemoryStream(input, writable: false));
            using var first = new MemoryStream();
            DicomWriter.Write(file, first);
            var again = DicomFile.Read(new MemoryStream(first.ToArray()));
            using var second = new MemoryStream();
            DicomWriter.Write(again, second);
            if (!first.ToArray().AsSpan().SequenceEqual(second.ToArray())) return (true, "written output does not re-read to the same bytes");
            return (true, Allocation(before, input.Length));
        }
        catch (PixelScrubException)
        {
            return (false, Allocation(before, input.Length));
        }
        catch (Exception ex)
        {
            return (false, $"{ex.GetType().Name} escaped: {ex.Message}");
        }
    }

    private static string? Allocation(long before, int inputLength)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long limit = 8L * inputLength + (4 << 20);
        return allocated > limit ? $"allocated {allocated} bytes for a {inputLength}-byte input" : null;
    }
}
