using System.Buffers.Binary;

namespace PixelScrub.Dicom.IO;

/// <summary>
/// Writes a <see cref="DicomFile"/> in its transfer syntax. Unchanged content is written byte for byte as read; after a
/// change, sequence and item lengths, group lengths and the file meta group length are recomputed.
/// </summary>
public static class DicomWriter
{
    private const uint Undefined = 0xFFFFFFFF;

    /// <summary>Writes to a path through a temp file and rename (never a partial file).</summary>
    public static void WriteFile(DicomFile file, string path, string? tempDirectory = null, bool durable = true) =>
        AtomicFile.Write(path, s => Write(file, s), tempDirectory, durable);

    public static void Write(DicomFile file, Stream output)
    {
        var buffered = output as BufferedStream ?? new BufferedStream(output, 1 << 16);
        if (file.Preamble is not null)
        {
            buffered.Write(file.Preamble);
            buffered.Write("DICM"u8);
        }

        var meta = new Encoder(true, false, file.Meta.IsModified);
        meta.WriteDataset(buffered, file.Meta, recomputeGroupLengths: true);

        var ts = file.TransferSyntax;
        if (ts.IsDeflated)
        {
            if (file.OriginalDeflatedBody is { } body && !file.Dataset.IsModified)
            {
                body.CopyTo(buffered);
            }
            else
            {
                buffered.Flush();
                using var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true);
                using var inner = new BufferedStream(deflate, 1 << 16);
                new Encoder(true, false, file.Dataset.IsModified).WriteDataset(inner, file.Dataset, file.Dataset.IsModified);
            }
        }
        else
        {
            if (ts.IsBigEndian != file.Dataset.BigEndian)
            {
                throw new UnsupportedInputException("changing the byte order of a dataset is not supported");
            }

            new Encoder(ts.IsExplicitVR, ts.IsBigEndian, file.Dataset.IsModified).WriteDataset(buffered, file.Dataset, file.Dataset.IsModified);
        }

        buffered.Flush();
    }

    /// <summary>The encoded length of a whole dataset (for tests and size estimates).</summary>
    public static long EncodedLength(DicomDataset dataset, bool explicitVR, bool bigEndian) =>
        new Encoder(explicitVR, bigEndian, false).DatasetLength(dataset);

    private readonly struct Encoder(bool explicitVR, bool bigEndian, bool modified)
    {
        public void WriteDataset(Stream s, DicomDataset ds, bool recomputeGroupLengths)
        {
            for (int i = 0; i < ds.Count; i++)
            {
                var e = ds[i];
                if (e.Tag.IsGroupLength && recomputeGroupLengths && e.VR == DicomVR.UL && e.Value.Length == 4)
                {
                    long groupLength = 0;
                    for (int j = i + 1; j < ds.Count && ds[j].Tag.Group == e.Tag.Group; j++) groupLength += ElementLength(ds[j]);
                    var v = new byte[4];
                    if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(v, (uint)groupLength);
                    else BinaryPrimitives.WriteUInt32LittleEndian(v, (uint)groupLength);
                    WriteElement(s, new DicomElement(e.Tag, e.VR, ElementValue.FromBytes(v)));
                    continue;
                }

                WriteElement(s, e);
            }
        }

        public long DatasetLength(DicomDataset ds)
        {
            long n = 0;
            foreach (var e in ds) n += ElementLength(e);
            return n;
        }

        private long ItemLength(DicomDataset item, Encoder inner) =>
            8 + inner.DatasetLength(item) + (item.UndefinedLength ? 8 : 0);

        public long ElementLength(DicomElement e)
        {
            long header = explicitVR ? (e.VR.HasLongLength || e is DicomSequence || e is DicomFragments ? 12 : 8) : 8;
            switch (e)
            {
                case DicomSequence seq:
                {
                    var inner = seq.ItemsImplicitLittleEndian ? new Encoder(false, false, modified) : this;
                    long body = 0;
                    foreach (var item in seq.Items) body += ItemLength(item, inner);
                    return header + body + (seq.UndefinedLength ? 8 : 0);
                }

                case DicomFragments frag:
                {
                    long body = 8 + frag.OffsetTable.Length;
                    foreach (var f in frag.Fragments) body += 8 + f.Length;
                    return header + body + 8;
                }

                default:
                    return header + e.Value.Length;
            }
        }

        private void WriteElement(Stream s, DicomElement e)
        {
            switch (e)
            {
                case DicomSequence seq:
                {
                    var inner = seq.ItemsImplicitLittleEndian ? new Encoder(false, false, modified) : this;
                    long body = 0;
                    if (!seq.UndefinedLength)
                    {
                        foreach (var item in seq.Items) body += ItemLength(item, inner);
                    }

                    WriteHeader(s, e.Tag, e.VR, seq.UndefinedLength ? Undefined : checked((uint)body));
                    foreach (var item in seq.Items)
                    {
                        uint itemLen = item.UndefinedLength ? Undefined : checked((uint)inner.DatasetLength(item));
                        WriteTagLength(s, DicomTag.Item, itemLen);
                        inner.WriteDataset(s, item, modified);
                        if (item.UndefinedLength) WriteTagLength(s, DicomTag.ItemDelimitationItem, 0);
                    }

                    if (seq.UndefinedLength) WriteTagLength(s, DicomTag.SequenceDelimitationItem, 0);
                    return;
                }

                case DicomFragments frag:
                    WriteHeader(s, e.Tag, e.VR, Undefined);
                    WriteTagLength(s, DicomTag.Item, checked((uint)frag.OffsetTable.Length));
                    frag.OffsetTable.CopyTo(s);
                    foreach (var f in frag.Fragments)
                    {
                        WriteTagLength(s, DicomTag.Item, checked((uint)f.Length));
                        f.CopyTo(s);
                    }

                    WriteTagLength(s, DicomTag.SequenceDelimitationItem, 0);
                    return;

                default:
                    if (explicitVR && !e.VR.HasLongLength && e.Value.Length > 0xFFFF)
                    {
                        throw new UnsupportedInputException($"value of {e.Tag} ({e.Value.Length} bytes) is too long for VR {e.VR.Code} in explicit VR");
                    }

                    WriteHeader(s, e.Tag, e.VR, checked((uint)e.Value.Length));
                    e.Value.CopyTo(s);
                    return;
            }
        }

        private void WriteHeader(Stream s, DicomTag tag, DicomVR vr, uint length)
        {
            Span<byte> b = stackalloc byte[12];
            WriteU16(b, tag.Group);
            WriteU16(b[2..], tag.Element);
            if (!explicitVR)
            {
                WriteU32(b[4..], length);
                s.Write(b[..8]);
                return;
            }

            b[4] = (byte)vr.Code[0];
            b[5] = (byte)vr.Code[1];
            if (vr.HasLongLength)
            {
                b[6] = b[7] = 0;
                WriteU32(b[8..], length);
                s.Write(b);
            }
            else
            {
                WriteU16(b[6..], (ushort)length);
                s.Write(b[..8]);
            }
        }

        private void WriteTagLength(Stream s, DicomTag tag, uint length)
        {
            Span<byte> b = stackalloc byte[8];
            WriteU16(b, tag.Group);
            WriteU16(b[2..], tag.Element);
            WriteU32(b[4..], length);
            s.Write(b);
        }

        private void WriteU16(Span<byte> b, ushort v)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v);
            else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        }

        private void WriteU32(Span<byte> b, uint v)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v);
            else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
    }
}
