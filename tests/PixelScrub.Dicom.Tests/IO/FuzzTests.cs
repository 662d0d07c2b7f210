using System.Diagnostics;
using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Tests.Support;

namespace PixelScrub.Dicom.Tests.IO;

/// <summary>
/// Seeded mutation fuzzing of the reader over the corpus: bit flips, truncations, length-field edits and inserted
/// undefined lengths. Invariants: only our exception types escape; no case hangs; allocation stays bounded by the
/// input size; whatever parses writes back and re-reads to the same bytes.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 6000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

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
        var total = Stopwatch.StartNew();
        int parsed = 0, rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            var seed = seeds[rng.Next(seeds.Length)];
            var input = Mutate(seed, rng, out var what);
            var task = Task.Run(() => RunCase(input));
            if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))) != task)
            {
                Assert.Fail($"case {i} ({what}) did not finish within 10 s: the reader hangs");
            }

            var (ok, error) = await task;
            if (error is not null) Assert.Fail($"case {i} ({what}): {error}");
            if (ok) parsed++; else rejected++;
            Assert.True(total.Elapsed < Budget * 1.5, $"fuzzing took longer than budgeted after {i} cases");
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

    private static byte[] Mutate(byte[] seed, Random rng, out string what)
    {
        var b = (byte[])seed.Clone();
        switch (rng.Next(5))
        {
            case 0:
            {
                int flips = 1 + rng.Next(8);
                for (int k = 0; k < flips; k++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                what = $"{flips} bit flips";
                return b;
            }

            case 1:
            {
                int len = rng.Next(b.Length);
                what = $"truncated to {len}";
                return b[..len];
            }

            case 2:
            {
                // overwrite a 16- or 32-bit little endian field that looks like a length with a random or extreme value
                int pos = rng.Next(Math.Max(1, b.Length - 4));
                uint v = rng.Next(4) switch { 0 => 0xFFFFFFFF, 1 => 0xFFFFFFFE, 2 => (uint)rng.Next(), _ => (uint)rng.Next(0, 64) };
                BitConverter.TryWriteBytes(b.AsSpan(pos, 4), v);
                what = $"length field at {pos} set to {v}";
                return b;
            }

            case 3:
            {
                // insert an undefined length after a plausible explicit VR header
                int pos = rng.Next(132, Math.Max(133, b.Length - 8));
                b[pos] = 0xFF; b[pos + 1] = 0xFF; b[pos + 2] = 0xFF; b[pos + 3] = 0xFF;
                what = $"undefined length inserted at {pos}";
                return b;
            }

            default:
            {
                int pos = rng.Next(b.Length), len = Math.Min(rng.Next(1, 64), b.Length - pos);
                rng.NextBytes(b.AsSpan(pos, len));
                what = $"{len} random bytes at {pos}";
                return b;
            }
        }
    }
}
