using PixelScrub.Masks;
using PixelScrub.Text.Ocr;

namespace PixelScrub.Tests.Text.Ocr;

public sealed class OcrReadersTests
{
    /// <summary>Reads each image as one word: its width. Records what it read; may hold each read until released.</summary>
    private sealed class FakeReader(string name) : IOcrReader
    {
        public string Name { get; } = name;
        public List<int> Widths { get; } = [];
        public ManualResetEventSlim? Hold { get; set; }
        public ManualResetEventSlim Reading { get; } = new();
        public Exception? Fails { get; set; }

        public List<List<OcrWord>> Read(IReadOnlyList<OcrImage> images, int frame, bool tryInverted = true)
        {
            Reading.Set();
            Hold?.Wait(TimeSpan.FromSeconds(30));
            if (Fails is not null) throw Fails;
            lock (Widths) Widths.AddRange(images.Select(i => i.Width));
            return images.Select(i => new List<OcrWord> { new(i.Width.ToString(), new Region(0, 0, i.Width, i.Height), 90) }).ToList();
        }

        public void Dispose()
        {
        }
    }

    private static OcrImage Image(int width, int height = 40) => new(width, height, new byte[width * height]);

    private static (OcrReaders Pool, List<FakeReader> Made) Pool()
    {
        var made = new List<FakeReader>();
        var pool = new OcrReaders(() =>
        {
            var r = new FakeReader($"r{made.Count}");
            made.Add(r);
            return r;
        });
        return (pool, made);
    }

    [Fact]
    public void An_idle_reader_reads_half_of_a_batch_and_the_words_keep_their_order()
    {
        var (pool, made) = Pool();
        var own = pool.Rent();
        pool.Return(pool.Rent()); // a second reader, idle: its worker thread has no file left
        Assert.Equal(2, pool.Count);
        var images = new[] { 400, 100, 100, 100, 100 }.Select(w => Image(w)).ToList();
        var words = pool.WithHelp(own).Read(images, 0);
        Assert.Equal(["400", "100", "100", "100", "100"], words.Select(w => w[0].Text));
        // Cut where the cost (width over height) reaches half: the wide line alone, the rest to the helper.
        Assert.Equal([400], made[0].Widths);
        Assert.Equal([100, 100, 100, 100], made[1].Widths);
        // The helper is back in the pool, and no reader was made for the help.
        Assert.Same(made[1], pool.Rent());
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Without_an_idle_reader_or_with_one_image_a_file_reads_alone()
    {
        var (pool, made) = Pool();
        var own = pool.Rent();
        pool.WithHelp(own).Read([Image(100), Image(200)], 0);
        Assert.Equal([100, 200], made[0].Widths);
        pool.Return(pool.Rent());
        pool.WithHelp(own).Read([Image(300)], 0);
        Assert.Equal([100, 200, 300], made[0].Widths);
        Assert.Empty(made[1].Widths);
    }

    [Fact]
    public async Task A_thread_that_wants_a_reader_while_one_is_lent_waits_for_it_instead_of_making_another()
    {
        var (pool, made) = Pool();
        var own = pool.Rent();
        pool.Return(pool.Rent());
        var hold = new ManualResetEventSlim();
        made[1].Hold = hold;
        var read = Task.Run(() => pool.WithHelp(own).Read([Image(100), Image(100)], 0));
        Assert.True(made[1].Reading.Wait(TimeSpan.FromSeconds(30)));
        var rent = Task.Run(pool.Rent);
        Assert.NotSame(rent, await Task.WhenAny(rent, Task.Delay(200)));
        hold.Set();
        Assert.Equal(2, (await read.WaitAsync(TimeSpan.FromSeconds(30))).Count);
        Assert.Same(made[1], await rent.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void A_helpers_failure_is_the_reads_and_the_helper_goes_back_to_the_pool()
    {
        var (pool, made) = Pool();
        var own = pool.Rent();
        pool.Return(pool.Rent());
        made[1].Fails = new UnsupportedInputException("the OCR worker stopped on frame 0");
        var e = Assert.Throws<UnsupportedInputException>(() => pool.WithHelp(own).Read([Image(100), Image(100)], 0));
        Assert.Contains("frame 0", e.Message);
        Assert.Same(made[1], pool.Rent());
    }

    [Theory]
    [InlineData(new[] { 100, 100 }, 1)]
    [InlineData(new[] { 100, 100, 100, 100 }, 2)]
    [InlineData(new[] { 900, 100, 100 }, 1)]
    [InlineData(new[] { 100, 100, 900 }, 2)]
    public void A_batch_is_cut_where_its_cost_reaches_half(int[] widths, int cut) =>
        Assert.Equal(cut, OcrReaders.Cut(widths.Select(w => Image(w)).ToList()));
}
