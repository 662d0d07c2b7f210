using System.Text;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests;

/// <summary>
/// What reading a user's file allocates, on every thread of the process (so no helper thread's copy escapes the count):
/// in the collection that runs alone, so other tests' allocations do not count either.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class UserFileReadAllocationTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-readalloc-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_under_its_limit_is_read_holding_about_its_text_once_not_several_copies()
    {
        // 8 MiB of text with two-, three- and four-byte characters and a byte order mark
        var text = string.Concat(Enumerable.Repeat("line \u00e9 \u20ac \U0001D11E of a rule file\r\n", 8 << 20 >> 5));
        var path = Path.Combine(_dir, "big.dicom");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var read = UserFile.RuleFile.ReadText(path);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(text, read);
        Assert.True(allocated < 2L * text.Length + (1 << 20), $"{allocated:N0} bytes allocated to read a text of {2L * text.Length:N0} bytes");
    }

    [Fact]
    public void A_pipe_is_read_holding_its_bytes_and_its_text_once()
    {
        var text = string.Concat(Enumerable.Repeat("line \u00e9 \u20ac \U0001D11E of a lookup table\n", 8 << 20 >> 5));
        var bytes = Encoding.UTF8.GetBytes(text);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var read = Fifo.Read(Path.Combine(_dir, "table.pipe"), bytes, UserFile.LookupTable.ReadText);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(text, read);
        Assert.True(allocated < bytes.Length + 2L * text.Length + (1 << 20),
            $"{allocated:N0} bytes allocated to read {bytes.Length:N0} bytes from a pipe into a text of {2L * text.Length:N0} bytes");
    }
}
