using System.Buffers.Binary;
using System.Text;

namespace PixelScrub.Network.Dimse;

/// <summary>
/// A DIMSE command set (PS3.7 6.3, E.1): group 0000 elements, always Implicit VR Little Endian, with the Command Group
/// Length first. Only the elements C-ECHO and C-STORE use are known by name; others are kept as bytes and ignored.
/// </summary>
internal sealed class CommandSet
{
    public static readonly uint AffectedSopClassUid = 0x00000002;
    public static readonly uint CommandFieldTag = 0x00000100;
    public static readonly uint MessageId = 0x00000110;
    public static readonly uint MessageIdBeingRespondedTo = 0x00000120;
    public static readonly uint MoveDestination = 0x00000600;
    public static readonly uint Priority = 0x00000700;
    public static readonly uint CommandDataSetType = 0x00000800;
    public static readonly uint Status = 0x00000900;
    public static readonly uint ErrorComment = 0x00000902;
    public static readonly uint AffectedSopInstanceUid = 0x00001000;
    public static readonly uint MoveOriginatorAe = 0x00001030;
    public static readonly uint MoveOriginatorMessageId = 0x00001031;

    /// <summary>Command Data Set Type (0000,0800) meaning "no data set" (PS3.7 E.1); any other value means one follows.</summary>
    public const ushort NoDataSet = 0x0101;

    private readonly SortedDictionary<uint, byte[]> _elements = [];

    public ushort Field => UInt16(CommandFieldTag) ?? throw Missing("Command Field (0000,0100)");
    public bool HasDataSet => UInt16(CommandDataSetType) is ushort t && t != NoDataSet;

    public string? String(uint tag) => _elements.TryGetValue(tag, out var v) ? Encoding.ASCII.GetString(v).TrimEnd('\0', ' ').TrimStart(' ') : null;

    public ushort? UInt16(uint tag) => _elements.TryGetValue(tag, out var v) && v.Length == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(v) : null;

    public CommandSet Set(uint tag, ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        _elements[tag] = b;
        return this;
    }

    /// <summary>Sets a UI (NUL-padded) or AE/LO (space-padded) value to even length.</summary>
    public CommandSet Set(uint tag, string value, bool uid = true)
    {
        var b = Encoding.ASCII.GetBytes(value);
        if (b.Length % 2 == 1) b = [.. b, uid ? (byte)0 : (byte)' '];
        _elements[tag] = b;
        return this;
    }

    public byte[] Encode()
    {
        int groupLength = _elements.Sum(e => 8 + e.Value.Length);
        var buffer = new byte[12 + groupLength];
        var s = buffer.AsSpan();
        WriteHeader(s, 0, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)groupLength);
        int pos = 12;
        foreach (var (tag, value) in _elements)
        {
            WriteHeader(s[pos..], tag, value.Length);
            value.CopyTo(s[(pos + 8)..]);
            pos += 8 + value.Length;
        }

        return buffer;

        static void WriteHeader(Span<byte> at, uint tag, int length)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(tag >> 16));
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)tag);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], (uint)length);
        }
    }

    /// <summary>Parses a command set; every element must be in group 0000 and lie inside the bytes given.</summary>
    public static CommandSet Parse(ReadOnlySpan<byte> bytes)
    {
        var cmd = new CommandSet();
        int pos = 0;
        while (pos < bytes.Length)
        {
            if (bytes.Length - pos < 8) throw Malformed($"element header truncated at offset {pos}");
            ushort group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[pos..]);
            ushort element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(pos + 2)..]);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(pos + 4)..]);
            if (group != 0) throw Malformed($"element ({group:X4},{element:X4}) at offset {pos} is not in group 0000");
            if (length > (uint)(bytes.Length - pos - 8)) throw Malformed($"element (0000,{element:X4}) at offset {pos} of length {length} runs past the command");
            if (element != 0) cmd._elements[element] = bytes.Slice(pos + 8, (int)length).ToArray();
            pos += 8 + (int)length;
        }

        if (cmd.UInt16(CommandFieldTag) is null) throw Malformed("no Command Field (0000,0100)");
        return cmd;
    }

    private static DicomNetworkException Missing(string what) => Malformed($"no {what}");

    private static DicomNetworkException Malformed(string message) => new($"malformed DIMSE command: {message}") { AbortReason = 6 };
}
