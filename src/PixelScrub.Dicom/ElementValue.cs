using PixelScrub.Dicom.IO;

namespace PixelScrub.Dicom;

/// <summary>
/// The bytes of an element value, exactly as encoded (in the byte order of the transfer syntax it was read in).
/// Small values live in memory; large ones (pixel data, big bulk data) stay in the source file and are
/// streamed when written, so memory does not grow with the file.
/// </summary>
public abstract class ElementValue
{
    public abstract long Length { get; }

    /// <summary>Writes the value bytes to a stream.</summary>
    public abstract void CopyTo(Stream destination);

    /// <summary>The bytes in memory; large file-backed values are read on demand (callers check Length first).</summary>
    public abstract ReadOnlyMemory<byte> GetBytes();

    /// <summary>True when the bytes are held in memory (no I/O to get them).</summary>
    public abstract bool IsInMemory { get; }

    public static readonly ElementValue Empty = new MemoryValue(ReadOnlyMemory<byte>.Empty);

    public static ElementValue FromBytes(ReadOnlyMemory<byte> bytes) => bytes.Length == 0 ? Empty : new MemoryValue(bytes);
}

/// <summary>A value held in memory.</summary>
public sealed class MemoryValue(ReadOnlyMemory<byte> bytes) : ElementValue
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    public override long Length => Bytes.Length;
    public override bool IsInMemory => true;
    public override void CopyTo(Stream destination) => destination.Write(Bytes.Span);
    public override ReadOnlyMemory<byte> GetBytes() => Bytes;
}

/// <summary>A value that stays in its source file: [Offset, Offset+Length) of Path.</summary>
public sealed class FileRangeValue(string path, long offset, long length) : ElementValue
{
    public string Path { get; } = path;
    public long Offset { get; } = offset;
    public override long Length { get; } = length;
    public override bool IsInMemory => false;

    /// <summary>True when Path is a temp file (an inflated dataset's spool) that goes away with its DicomFile.</summary>
    public bool Temporary { get; init; }

    public override void CopyTo(Stream destination)
    {
        using var src = OpenRange();
        src.CopyTo(destination, 1 << 16);
    }

    public override ReadOnlyMemory<byte> GetBytes()
    {
        if (Length > Array.MaxLength) throw new UnsupportedInputException($"value of {Length} bytes is too large to hold in memory");
        var buffer = GC.AllocateUninitializedArray<byte>((int)Length);
        using var fs = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        fs.Position = Offset;
        fs.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Opens a read-only stream over exactly this range.</summary>
    public Stream OpenRange()
    {
        var fs = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        fs.Position = Offset;
        return new SubStream(fs, Length);
    }
}

/// <summary>A value produced while writing (e.g. cleaned pixel data streamed frame by frame); Length must be exact.</summary>
public sealed class StreamedValue(long length, Action<Stream> write) : ElementValue
{
    public override long Length { get; } = length;
    public override bool IsInMemory => false;

    public override void CopyTo(Stream destination)
    {
        long before = destination.CanSeek ? destination.Position : -1;
        write(destination);
        if (before >= 0 && destination.Position - before != Length)
        {
            throw new InvalidOperationException($"streamed value wrote {destination.Position - before} bytes, declared {Length}");
        }
    }

    public override ReadOnlyMemory<byte> GetBytes()
    {
        var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }
}
