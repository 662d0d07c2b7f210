using PixelScrub.Dicom;
using PixelScrub.Dicom.IO;
using PixelScrub.Pipeline;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Review.Tests;

/// <summary>The image path reads a file once for all its frames, keeps what it read within its bound, and never serves a stale file.</summary>
public sealed class ReviewImagesTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-review-images-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_frame_of_a_cine_and_its_preview_come_from_one_read_each()
    {
        var path = Write("cine.dcm", DemoSamples.JpegCine(), TransferSyntax.JpegBaseline);
        using var images = new ReviewImages();
        var file = FileAt(path, frames: 12, columns: 1024, rows: 600);
        // The page's frame strip asks for every frame at once: one read serves them all.
        var frames = new byte[12][];
        Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = frames.Length }, i => frames[i] = images.Png(file, cleaned: false, i, "file", [], 64));
        Assert.Equal((1, 1), (images.Cache.Loads, images.Cache.Count));
        Assert.True(frames.Distinct(new BytesComparer()).Count() > 1, "every frame rendered the same");

        // A preview cleaned with drawn rectangles is read and cleaned once too, apart from the original.
        var drawn = new[] { new PixelScrub.Masks.Region(0, 0, 1024, 60) };
        var preview = new byte[3][];
        Parallel.For(0, preview.Length, new ParallelOptions { MaxDegreeOfParallelism = preview.Length }, i => preview[i] = images.Png(file, cleaned: true, i, "file", drawn, 0));
        Assert.Equal((2, 2), (images.Cache.Loads, images.Cache.Count));
        Assert.NotEqual(images.Png(file, cleaned: false, 0, "file", [], 0), preview[0]);
        Assert.InRange(images.Cache.Bytes, 1, ReviewImages.CacheBytes);
    }

    [Fact]
    public void A_request_for_a_file_being_read_waits_for_that_read_and_a_read_that_failed_is_tried_again()
    {
        var path = Write("ct.dcm", DemoSamples.DoseScreen());
        var key = new ReviewImageCache.Key(path, 0, 0, "");
        using var cache = new ReviewImageCache(long.MaxValue);
        int reads = 0;
        Thread? second = null;
        DicomFile Read()
        {
            if (Interlocked.Increment(ref reads) == 1)
            {
                // The first read holds on until a second request for the file waits (blocked), or reads it itself.
                second = new Thread(() => cache.Get(key, Read).Dispose());
                second.Start();
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 1 || (second.ThreadState & ThreadState.WaitSleepJoin) != 0,
                    TimeSpan.FromSeconds(10)), "the second request neither waited nor read");
            }

            var f = DicomFile.Open(path);
            f.ReadRemainder();
            return f;
        }

        using (var lease = cache.Get(key, Read)) Assert.Equal(512, lease.Image.Layout.Columns);
        second!.Join();
        Assert.Equal((1, 1, 1), (reads, cache.Loads, cache.Count));

        using var failing = new ReviewImageCache(long.MaxValue);
        Assert.Throws<IOException>(() => failing.Get(key, () => throw new IOException("gone")));
        using (var lease = failing.Get(key, () => DicomFile.Open(path))) Assert.Equal(512, lease.Image.Layout.Columns);
        Assert.Equal((2, 1), (failing.Loads, failing.Count));
    }

    [Fact]
    public void The_cache_drops_the_least_recently_used_file_to_stay_within_its_bytes()
    {
        var paths = Enumerable.Range(0, 3).Select(i => Write($"ct-{i}.dcm", DemoSamples.DoseScreen())).ToArray();
        var loads = new List<string>();
        ReviewImageCache.Lease Get(ReviewImageCache cache, string path) =>
            cache.Get(new ReviewImageCache.Key(path, 0, 0, ""), () =>
            {
                loads.Add(Path.GetFileName(path));
                var f = DicomFile.Open(path);
                f.ReadRemainder();
                return f;
            });

        long one;
        using (var probe = new ReviewImageCache(long.MaxValue))
        {
            Get(probe, paths[0]).Dispose();
            one = probe.Bytes;
        }

        loads.Clear();
        using var cache = new ReviewImageCache(2 * one + one / 2); // room for two
        Get(cache, paths[0]).Dispose();
        Get(cache, paths[1]).Dispose();
        Get(cache, paths[0]).Dispose();     // held: not read again, and now the most recently used
        Get(cache, paths[2]).Dispose();     // drops ct-1, the least recently used
        Assert.Equal(2, cache.Count);
        Assert.InRange(cache.Bytes, 1, 2 * one + one / 2);
        Get(cache, paths[0]).Dispose();
        Get(cache, paths[1]).Dispose();     // read again
        Assert.Equal(["ct-0.dcm", "ct-1.dcm", "ct-2.dcm", "ct-1.dcm"], loads);

        using var tiny = new ReviewImageCache(1);
        using (var lease = Get(tiny, paths[0])) Assert.Equal(512, lease.Image.Layout.Columns); // served, not kept
        Assert.Equal(0, tiny.Count);
    }

    [Fact]
    public void A_file_rewritten_in_place_is_read_again()
    {
        var path = Write("out.dcm", DemoSamples.DoseScreen());
        using var images = new ReviewImages();
        var file = FileAt(path, frames: 1, columns: 512, rows: 512);
        var before = images.Png(file, cleaned: false, 0, "file", [], 0);
        var changed = DemoSamples.DoseScreen();
        changed.Set(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, ElementValue.FromBytes(new byte[512 * 512 * 2])));
        Write("out.dcm", changed);   // what an applied decision does to OUT's file
        Assert.NotEqual(before, images.Png(file, cleaned: false, 0, "file", [], 0));
    }

    private string Write(string name, DicomDataset dataset, TransferSyntax? syntax = null)
    {
        var path = Path.Combine(_dir, name);
        var temp = path + ".tmp";
        DicomWriter.WriteFile(DicomFile.Create(dataset, syntax ?? TransferSyntax.ExplicitVRLittleEndian), temp);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static ReviewFile FileAt(string path, int frames, int columns, int rows) =>
        new("id", new FileOutcome { Input = path, Status = FileStatus.Quarantined }, Path.GetFileName(path), null, null, null, [], frames, columns, rows, true);

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
