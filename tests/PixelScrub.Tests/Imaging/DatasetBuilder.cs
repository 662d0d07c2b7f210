using System.Buffers.Binary;
using System.Text;

namespace PixelScrub.Tests.Imaging;

/// <summary>Writes a raw Explicit VR Little Endian dataset (no meta) by hand, for synthetic test files.</summary>
internal sealed class DatasetBuilder
{
    private readonly MemoryStream _bytes = new();

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>A Part 10 file: preamble, "DICM", meta group (Explicit VR Little Endian), then this dataset.</summary>
    public byte[] ToPart10()
    {
        var group = new DatasetBuilder().Text(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1\0").ToArray();
        var meta = new DatasetBuilder().Bytes(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)group.Length)).ToArray();
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        file.Write(meta);
        file.Write(group);
        file.Write(ToArray());
        return file.ToArray();
    }

    public DatasetBuilder US(ushort group, ushort element, params ushort[] values)
    {
        var v = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(v.AsSpan(i * 2), values[i]);
        return Element(group, element, "US", v);
    }

    public DatasetBuilder SS(ushort group, ushort element, params short[] values)
    {
        var v = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(v.AsSpan(i * 2), values[i]);
        return Element(group, element, "SS", v);
    }

    public DatasetBuilder Text(ushort group, ushort element, string vr, string value)
    {
        var v = Encoding.ASCII.GetBytes(value);
        if (v.Length % 2 == 1) v = [.. v, (byte)' '];
        return Element(group, element, vr, v);
    }

    public DatasetBuilder OW(ushort group, ushort element, params ushort[] words)
    {
        var v = new byte[words.Length * 2];
        for (int i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(v.AsSpan(i * 2), words[i]);
        return Element(group, element, "OW", v);
    }

    public DatasetBuilder Bytes(ushort group, ushort element, string vr, byte[] value) => Element(group, element, vr, value);

    /// <summary>A sequence of defined length whose items are built by the given builders.</summary>
    public DatasetBuilder Sequence(ushort group, ushort element, params DatasetBuilder[] items)
    {
        var body = new MemoryStream();
        var header = new byte[8];
        foreach (var item in items)
        {
            var bytes = item.ToArray();
            BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0xE000);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)bytes.Length);
            body.Write(header);
            body.Write(bytes);
        }

        return Element(group, element, "SQ", body.ToArray());
    }

    private DatasetBuilder Element(ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(head, group);
        BinaryPrimitives.WriteUInt16LittleEndian(head.Slice(2), element);
        head[4] = (byte)vr[0];
        head[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "OF" or "SQ" or "UN" or "UT" or "UC" or "UR" or "OD" or "OL" or "OV")
        {
            head[6] = head[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(head.Slice(8), (uint)value.Length);
            _bytes.Write(head);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(head.Slice(6), (ushort)value.Length);
            _bytes.Write(head.Slice(0, 8));
        }

        _bytes.Write(value);
        return this;
    }
}
