using System.Buffers.Binary;
using System.Security.Cryptography;
using PixelScrub.Masks;
using PixelScrub.Text;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>The run's reading cache: a strong content key, and bounds by entries and bytes that hostile input cannot grow.</summary>
public sealed class OcrCacheTests
{
    private static CropKey Key(int n) => CropKey.Of(Image(n), LineImage.Rendering.Smooth, firstRead: true, tryInverted: false);

    private static OcrImage Image(int n)
    {
        var pixels = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(pixels, n);
        return new OcrImage(8, 8, pixels);
    }

    private static OcrReading Reading(string text) => new([new OcrWord(text, new Region(0, 0, 8, 8), 90)]);

    [Fact]
    public void The_key_holds_the_whole_sha256_of_the_pixels_and_how_they_were_prepared_and_read()
    {
        var image = Image(7);
        var key = CropKey.Of(image, LineImage.Rendering.Binarized, firstRead: false, tryInverted: true);
        var digest = SHA256.HashData(image.Pixels);
        Assert.Equal(BinaryPrimitives.ReadUInt128LittleEndian(digest), key.Hash.Low);
        Assert.Equal(BinaryPrimitives.ReadUInt128LittleEndian(digest.AsSpan(16)), key.Hash.High);
        Assert.Equal((8, 8), (key.Width, key.Height));

        var same = CropKey.Of(new OcrImage(8, 8, (byte[])image.Pixels.Clone()), LineImage.Rendering.Binarized, firstRead: false, tryInverted: true);
        Assert.Equal(key, same);
        var onePixel = (byte[])image.Pixels.Clone();
        onePixel[63] ^= 1;
        Assert.NotEqual(key, CropKey.Of(new OcrImage(8, 8, onePixel), LineImage.Rendering.Binarized, firstRead: false, tryInverted: true));
        Assert.NotEqual(key, CropKey.Of(new OcrImage(16, 4, image.Pixels), LineImage.Rendering.Binarized, firstRead: false, tryInverted: true));
        Assert.NotEqual(key, CropKey.Of(image, LineImage.Rendering.Smooth, firstRead: false, tryInverted: true));
        Assert.NotEqual(key, CropKey.Of(image, LineImage.Rendering.Binarized, firstRead: true, tryInverted: true));
        Assert.NotEqual(key, CropKey.Of(image, LineImage.Rendering.Binarized, firstRead: false, tryInverted: false));
    }

    [Fact]
    public void The_least_recently_used_reading_goes_first_when_the_entries_are_full()
    {
        var cache = new OcrCache(maxEntries: 3);
        for (int i = 1; i <= 3; i++) cache.Add(Key(i), Reading($"line {i}"));
        Assert.True(cache.TryGet(Key(1), out var first));
        Assert.Equal("line 1", first.Words[0].Text);

        cache.Add(Key(4), Reading("line 4"));
        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet(Key(2), out _));
        Assert.True(cache.TryGet(Key(1), out _));
        Assert.True(cache.TryGet(Key(3), out _));
        Assert.True(cache.TryGet(Key(4), out _));
    }

    [Fact]
    public void Bytes_stay_within_the_bound_and_a_reading_larger_than_it_is_not_kept()
    {
        var usual = Reading("MI 0.6");
        var cache = new OcrCache(maxEntries: 1000, maxBytes: 3 * usual.Bytes);
        for (int i = 0; i < 10; i++) cache.Add(Key(i), Reading("MI 0.6"));
        Assert.Equal(3, cache.Count);
        Assert.Equal(3 * usual.Bytes, cache.Bytes);
        Assert.True(cache.TryGet(Key(9), out _));
        Assert.False(cache.TryGet(Key(6), out _));

        // A line image of a hostile input read as a million characters: not kept, and what was kept stays.
        var huge = Reading(new string('A', 1_000_000));
        Assert.True(huge.Bytes > 2_000_000);
        cache.Add(Key(100), huge);
        Assert.False(cache.TryGet(Key(100), out _));
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(Key(9), out _));
    }

    [Fact]
    public void Speckle_is_kept_apart_from_an_empty_reading()
    {
        var cache = new OcrCache();
        cache.Add(Key(1), OcrReading.Speckle);
        cache.Add(Key(2), new OcrReading([]));
        Assert.True(cache.TryGet(Key(1), out var speckle) && speckle.IsSpeckle);
        Assert.True(cache.TryGet(Key(2), out var empty) && !empty.IsSpeckle && empty.Words.Count == 0);
    }

    [Fact]
    public void Workers_adding_and_reading_at_once_keep_the_bounds_and_the_byte_count()
    {
        var reading = Reading("Dyn R58");
        var cache = new OcrCache(maxEntries: 500, maxBytes: 300 * reading.Bytes);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            for (int i = 0; i < 2000; i++)
            {
                cache.Add(Key(w * 1000 + i), reading);
                cache.TryGet(Key(w * 1000 + i / 2), out _);
                // The bytes bound (300 readings) is the tighter one here, so that is the count never to pass.
                Assert.True(cache.Count <= 300);
                Assert.True(cache.Bytes <= 300 * reading.Bytes);
            }
        });
        Assert.Equal(300, cache.Count);
        Assert.Equal(300 * reading.Bytes, cache.Bytes);
    }

    [Fact]
    public void Preparations_are_kept_by_source_and_the_least_recently_used_go_first()
    {
        var cache = new OcrCache(maxEntries: 2);
        (ContentHash, TextSource) Source(int n) => (ContentHash.Of(Image(n).Pixels), TextSource.Pixels);
        cache.AddPrepared(Source(1), new PreparedCrop(Key(1), false));
        cache.AddPrepared(Source(2), new PreparedCrop(Key(2), true));
        Assert.True(cache.TryGetPrepared(Source(1), out var first));
        Assert.Equal(new PreparedCrop(Key(1), false), first);
        // The same pixels found in an overlay are another source.
        Assert.False(cache.TryGetPrepared((Source(1).Item1, TextSource.Overlay), out _));
        cache.AddPrepared(Source(3), new PreparedCrop(Key(3), false));
        Assert.Equal(2, cache.PreparedCount);
        Assert.False(cache.TryGetPrepared(Source(2), out _));
        Assert.True(cache.TryGetPrepared(Source(1), out _));
        Assert.True(cache.TryGetPrepared(Source(3), out var third));
        Assert.Equal(Key(3), third.Key);
        Assert.Equal(3, cache.PreparedHits);
    }

    [Fact]
    public void The_bounds_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OcrCache(maxEntries: 0));
}
