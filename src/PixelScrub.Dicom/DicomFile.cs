using System.IO.Compression;
using PixelScrub.Dicom.IO;

namespace PixelScrub.Dicom;

/// <summary>
/// A DICOM file (PS3.10): optional 128-byte preamble and "DICM", the file meta group (0002,xxxx), and the dataset in
/// its transfer syntax. Raw datasets without meta are accepted (implicit/explicit little endian detected).
/// </summary>
public sealed class DicomFile : IDisposable
{
    private readonly List<IDisposable> _resources = [];

    private DicomFile(string? path, byte[]? preamble, DicomDataset meta, DicomDataset dataset, TransferSyntax syntax, long datasetOffset)
    {
        Path = path;
        Preamble = preamble;
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = syntax;
        DatasetOffset = datasetOffset;
    }

    /// <summary>The source path, when read from a file.</summary>
    public string? Path { get; }

    /// <summary>The 128-byte preamble, or null when the file had no preamble and "DICM" prefix.</summary>
    public byte[]? Preamble { get; set; }

    /// <summary>The file meta information group; empty when the source had none.</summary>
    public DicomDataset Meta { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax of the dataset as read (from (0002,0010), or detected for raw datasets).</summary>
    public TransferSyntax TransferSyntax { get; private set; }

    /// <summary>Offset of the first dataset element in the file.</summary>
    public long DatasetOffset { get; }

    /// <summary>Set when header-only reading stopped at the pixel data element; null once the rest is read.</summary>
    public PixelDataInfo? PixelDataInfo { get; private set; }

    /// <summary>Tolerated faults found while reading (odd lengths, ...), with offsets.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>True when the transfer syntax was detected (no meta or no (0002,0010)) rather than declared.</summary>
    public bool TransferSyntaxDetected { get; private set; }

    /// <summary>For an unmodified deflated file: the original compressed dataset bytes, written back as they were.</summary>
    internal ElementValue? OriginalDeflatedBody { get; private set; }

    private long _compressedStart = -1;   // deflated: file offset where the compressed dataset starts

    /// <summary>The UID PixelScrub writes as Implementation Class UID (a 2.25 UUID-derived root).</summary>
    public const string ImplementationClassUid = "2.25.203851295133925627208451208327104571043";

    /// <summary>PixelScrub's Implementation Version Name.</summary>
    public const string ImplementationVersion = "PIXELSCRUB_1";

    /// <summary>
    /// A new Part 10 file around a dataset: zero preamble, "DICM", and a meta group (PS3.10 7.1) naming the SOP class and
    /// instance (taken from the dataset's (0008,0016)/(0008,0018)) and the transfer syntax.
    /// </summary>
    public static DicomFile Create(DicomDataset dataset, TransferSyntax syntax)
    {
        var meta = new DicomDataset();
        meta.Set(new DicomElement(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, ElementValue.FromBytes(new byte[4])));
        meta.Set(new DicomElement(new DicomTag(0x0002, 0x0001), DicomVR.OB, ElementValue.FromBytes(new byte[] { 0, 1 })));
        meta.SetString(DicomTag.MediaStorageSOPClassUID, DicomVR.UI, dataset.GetString(new DicomTag(0x0008, 0x0016)) ?? "");
        meta.SetString(DicomTag.MediaStorageSOPInstanceUID, DicomVR.UI, dataset.GetString(new DicomTag(0x0008, 0x0018)) ?? "");
        meta.SetString(DicomTag.TransferSyntaxUID, DicomVR.UI, syntax.Uid);
        meta.SetString(new DicomTag(0x0002, 0x0012), DicomVR.UI, ImplementationClassUid);
        meta.SetString(new DicomTag(0x0002, 0x0013), DicomVR.SH, ImplementationVersion);
        dataset.BigEndian = syntax.IsBigEndian;
        return new DicomFile(null, new byte[128], meta, dataset, syntax, 0);
    }

    /// <summary>Reads a file; with <see cref="DicomReadOptions.HeaderOnly"/> stops at the pixel data element.</summary>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Read(fs, options, path);
        }
        catch (PixelScrubException ex) when (ex.FilePath is null)
        {
            throw ex is DicomFormatException d
                ? new DicomFormatException(d.Reason, d.Offset, d.Tag, d.InnerException) { FilePath = path, NotDicom = d.NotDicom }
                : ex is UnsupportedInputException u ? new UnsupportedInputException(u.Message, u.InnerException) { FilePath = path } : ex;
        }
    }

    /// <summary>Reads from a stream. Large values stay in the file only when <paramref name="path"/> names the same file.</summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null, string? path = null)
    {
        options ??= DicomReadOptions.Default;
        var src = new ByteSource(stream);
        var warnings = new List<string>();
        byte[]? preamble = null;
        Span<byte> probe = stackalloc byte[132];
        if (src.TryPeek(probe) && probe[128] == 'D' && probe[129] == 'I' && probe[130] == 'C' && probe[131] == 'M')
        {
            preamble = probe[..128].ToArray();
            src.Skip(132);
        }

        var meta = new DicomDataset();
        var reader = new DicomReader(src, options, path, warnings);
        Span<byte> head = stackalloc byte[6];
        if (src.TryPeek(head) && head[0] == 0x02 && head[1] == 0x00 && DicomVR.TryGet(head[4], head[5], out _))
        {
            // File meta information is always explicit VR little endian (PS3.10 7.1); read while the group is 0002.
            reader.ReadDataset(meta, explicitVR: true, bigEndian: false, end: -1, untilItemDelimiter: false, depth: 0,
                stopBefore: t => t.Group != 0x0002);
        }
        else if (preamble is null && !LooksLikeDataset(src))
        {
            throw new DicomFormatException("not a DICOM file: no \"DICM\" prefix at offset 128 and no recognisable data element at offset 0", 0) { NotDicom = true };
        }

        TransferSyntax syntax;
        bool detected = false;
        var tsUid = meta.GetString(DicomTag.TransferSyntaxUID);
        if (!string.IsNullOrEmpty(tsUid))
        {
            syntax = TransferSyntax.FromUid(tsUid);
        }
        else
        {
            syntax = Detect(src);
            detected = true;
            if (meta.Count > 0) warnings.Add("file meta information has no Transfer Syntax UID (0002,0010); the syntax was detected from the data");
        }

        long datasetOffset = src.Position;
        var file = new DicomFile(path, preamble, meta, new DicomDataset(syntax.IsBigEndian), syntax, datasetOffset)
        {
            TransferSyntaxDetected = detected,
        };
        file.Warnings.AddRange(warnings);
        warnings = file.Warnings;

        if (syntax.IsDeflated)
        {
            file.ReadDeflated(stream, src, options, path);
            return file;
        }

        reader = new DicomReader(src, options, path, warnings);
        reader.ReadDataset(file.Dataset, syntax.IsExplicitVR, syntax.IsBigEndian, -1, false, 0);
        file.PixelDataInfo = reader.StoppedAt;
        return file;
    }

    /// <summary>After header-only reading: reads the pixel data element and every element after it.</summary>
    public void ReadRemainder(DicomReadOptions? options = null)
    {
        if (PixelDataInfo is null) return;
        if (Path is null) throw new InvalidOperationException("only a file read by path can be resumed");
        options = (options ?? DicomReadOptions.Default) with { HeaderOnly = false };
        try
        {
            if (TransferSyntax.IsDeflated && _compressedStart >= 0)
            {
                using var compressed = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                ReadDeflatedRemainder(compressed, options);
                return;
            }

            using var fs = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            fs.Position = PixelDataInfo.ElementOffset;
            var src = new ByteSource(fs, 1 << 16);
            var reader = new DicomReader(src, options, Path, Warnings);
            reader.ReadDataset(Dataset, TransferSyntax.IsExplicitVR, TransferSyntax.IsBigEndian, -1, false, 0);
            PixelDataInfo = null;
        }
        catch (DicomFormatException d) when (d.FilePath is null)
        {
            throw new DicomFormatException(d.Reason, d.Offset, d.Tag, d.InnerException) { FilePath = Path };
        }
    }

    /// <summary>
    /// Ties a resource to this file (e.g. the temp file holding rewritten frames that its values read from); it is
    /// disposed with the file, after the file has been written.
    /// </summary>
    public void Attach(IDisposable resource) => _resources.Add(resource);

    /// <summary>Releases attached resources; values that read from them must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var r in _resources) r.Dispose();
        _resources.Clear();
    }

    /// <summary>Changes the transfer syntax recorded for writing (the writer re-encodes the dataset accordingly).</summary>
    public void SetTransferSyntax(TransferSyntax syntax)
    {
        TransferSyntax = syntax;
        Meta.SetString(DicomTag.TransferSyntaxUID, DicomVR.UI, syntax.Uid);
        OriginalDeflatedBody = null;
    }

    private void ReadDeflated(Stream stream, ByteSource src, DicomReadOptions options, string? path)
    {
        // PS3.5 A.5: everything after the file meta group is a raw deflate stream of an explicit VR LE dataset. It is
        // inflated as a stream, never whole in memory: up to the pixel data element within MaxInflatedHeaderBytes;
        // the rest (for a whole read) into a temp file, within a limit set by the geometry the header declares.
        long compressedStart = src.Position;
        if (!stream.CanSeek) throw new UnsupportedInputException("deflated datasets can only be read from seekable streams");
        _compressedStart = compressedStart;
        long compressedLength = stream.Length - compressedStart;
        OriginalDeflatedBody = path is not null
            ? new FileRangeValue(path, compressedStart, compressedLength)
            : ReadRange(stream, compressedStart, compressedLength);

        stream.Position = compressedStart;
        long limit = Math.Min(options.MaxInflatedHeaderBytes, options.MaxInflatedBytes);
        using (var inflater = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true))
        {
            var limited = new InflateLimitStream(inflater, limit);
            var reader = new DicomReader(new ByteSource(limited, 4096, compressedStart, limit), options with { HeaderOnly = true }, null, Warnings);
            try
            {
                reader.ReadDataset(Dataset, true, false, -1, false, 0);
            }
            catch (InflateLimitExceededException ex)
            {
                throw new DicomFormatException(
                    $"deflated dataset inflates past {ex.Limit} bytes before its pixel data (the limit for a header)",
                    compressedStart + ex.Limit, reader.LastTag?.Value);
            }
            catch (InvalidDataException ex)
            {
                throw new DicomFormatException($"corrupt deflate stream: {ex.Message}", compressedStart, reader.LastTag?.Value, ex);
            }

            PixelDataInfo = reader.StoppedAt;
        }

        Warnings.Add("deflated dataset: offsets in messages are positions in the inflated data plus the start of the compressed data");
        if (!options.HeaderOnly && PixelDataInfo is not null) ReadDeflatedRemainder(stream, options);
    }

    /// <summary>
    /// Inflates a deflated dataset again into a temp file (attached to this file, deleted with it) and reads the
    /// pixel data element and what follows from there, so large values stay on disk.
    /// </summary>
    private void ReadDeflatedRemainder(Stream compressed, DicomReadOptions options)
    {
        var pixels = PixelDataInfo!;
        long declared = DeclaredPixelBytes(Dataset);
        long limit = Math.Min(options.MaxInflatedBytes, SaturatingAdd(SaturatingAdd(pixels.ValueOffset, declared), options.MaxInflatedHeaderBytes));
        var spool = InflateSpool.Create(options.SpoolDirectory);
        try
        {
            compressed.Position = _compressedStart;
            using (var inflater = new DeflateStream(compressed, CompressionMode.Decompress, leaveOpen: true))
            {
                var limited = new InflateLimitStream(inflater, limit);
                try
                {
                    limited.CopyTo(spool.Stream, 1 << 16);
                }
                catch (InflateLimitExceededException)
                {
                    throw new DicomFormatException(
                        $"deflated dataset inflates past {limit} bytes, more than its header allows (the {declared} bytes of pixel data it declares, plus {options.MaxInflatedHeaderBytes} bytes; at most {options.MaxInflatedBytes})",
                        _compressedStart + limit, pixels.Tag.Value);
                }
                catch (InvalidDataException ex)
                {
                    throw new DicomFormatException($"corrupt deflate stream: {ex.Message}", _compressedStart + pixels.ElementOffset, pixels.Tag.Value, ex);
                }
            }

            spool.Stream.Flush();
            spool.Stream.Position = pixels.ElementOffset;
            var reader = new DicomReader(new ByteSource(spool.Stream, 1 << 16, _compressedStart), options with { HeaderOnly = false }, spool.Path, Warnings, temporaryFile: true);
            reader.ReadDataset(Dataset, true, false, -1, false, 0);
            Attach(spool);
            PixelDataInfo = null;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>Rows x Columns x Samples per Pixel x Bits Allocated / 8 x Number of Frames, as the header declares it.</summary>
    private static long DeclaredPixelBytes(DicomDataset ds)
    {
        long rows = ds.GetInteger(new DicomTag(0x0028, 0x0010)) ?? 0;
        long columns = ds.GetInteger(new DicomTag(0x0028, 0x0011)) ?? 0;
        long samples = ds.GetInteger(new DicomTag(0x0028, 0x0002)) ?? 1;
        long bits = ds.GetInteger(new DicomTag(0x0028, 0x0100)) ?? 0;
        long frames = ds.GetInteger(new DicomTag(0x0028, 0x0008)) ?? 1;
        if (rows <= 0 || columns <= 0 || samples <= 0 || bits <= 0 || frames <= 0) return 0;
        // each factor is at most 2^32, so two products cannot overflow; saturate the rest
        long pixelsPerFrame = rows * columns;
        long bitsPerFrame = SaturatingMultiply(SaturatingMultiply(pixelsPerFrame, samples), bits);
        return SaturatingMultiply(SaturatingAdd(bitsPerFrame, 7) / 8, frames);
    }

    private static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static ElementValue ReadRange(Stream stream, long start, long length)
    {
        var bytes = new byte[length];
        stream.Position = start;
        stream.ReadExactly(bytes);
        return ElementValue.FromBytes(bytes);
    }

    private static bool LooksLikeDataset(ByteSource src)
    {
        Span<byte> b = stackalloc byte[8];
        if (!src.TryPeek(b)) return false;
        ushort gLe = (ushort)(b[0] | b[1] << 8), gBe = (ushort)(b[0] << 8 | b[1]);
        return gLe is >= 0x0002 and <= 0x0010 || gBe is >= 0x0002 and <= 0x0010;
    }

    /// <summary>Detects the encoding of a raw dataset from its first element (PS3.5 does not say; DCMTK does the same).</summary>
    private static TransferSyntax Detect(ByteSource src)
    {
        Span<byte> b = stackalloc byte[6];
        if (!src.TryPeek(b)) return TransferSyntax.ImplicitVRLittleEndian;
        bool vrLooksValid = DicomVR.TryGet(b[4], b[5], out _);
        ushort gLe = (ushort)(b[0] | b[1] << 8), gBe = (ushort)(b[0] << 8 | b[1]);
        if (gBe is >= 0x0002 and <= 0x0010 && gLe > 0x00FF) return vrLooksValid ? TransferSyntax.ExplicitVRBigEndian : TransferSyntax.ImplicitVRLittleEndian;
        return vrLooksValid ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
    }
}
