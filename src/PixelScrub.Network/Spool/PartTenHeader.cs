using System.Buffers.Binary;
using System.Text;

namespace PixelScrub.Network.Spool;

/// <summary>
/// Writes the Part 10 prefix of a received object (PS3.10 7.1): 128-byte zero preamble, "DICM", and the file meta group
/// in Explicit VR Little Endian naming the SOP class and instance and the transfer syntax the data set came in, our
/// implementation, and the AE title that sent it (0002,0016). The data set bytes follow unchanged.
/// </summary>
internal static class PartTenHeader
{
    public static byte[] Build(string sopClass, string sopInstance, string transferSyntax, string sourceAe)
    {
        var meta = new List<byte>(256);
        Element(meta, 0x0001, "OB", [0, 1]);
        Element(meta, 0x0002, "UI", Uid(sopClass));
        Element(meta, 0x0003, "UI", Uid(sopInstance));
        Element(meta, 0x0010, "UI", Uid(transferSyntax));
        Element(meta, 0x0012, "UI", Uid(Dicom.DicomFile.ImplementationClassUid));
        Element(meta, 0x0013, "SH", Text(Dicom.DicomFile.ImplementationVersion));
        if (sourceAe.Length > 0) Element(meta, 0x0016, "AE", Text(sourceAe));
        var prefix = new byte[132 + 12 + meta.Count];
        "DICM"u8.CopyTo(prefix.AsSpan(128));
        var group = prefix.AsSpan(132);
        BinaryPrimitives.WriteUInt16LittleEndian(group, 0x0002);
        "UL"u8.CopyTo(group[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(group[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(group[8..], (uint)meta.Count);
        meta.CopyTo(prefix, 144);
        return prefix;
    }

    private static void Element(List<byte> to, ushort element, string vr, byte[] value)
    {
        to.AddRange([2, 0, (byte)element, (byte)(element >> 8)]);
        to.AddRange(Encoding.ASCII.GetBytes(vr));
        if (vr == "OB")
        {
            to.AddRange([0, 0]);
            to.AddRange(BitConverter.GetBytes((uint)value.Length));
        }
        else
        {
            to.AddRange([(byte)value.Length, (byte)(value.Length >> 8)]);
        }

        to.AddRange(value);
    }

    private static byte[] Uid(string uid)
    {
        var b = Encoding.ASCII.GetBytes(uid);
        return b.Length % 2 == 1 ? [.. b, 0] : b;
    }

    private static byte[] Text(string s)
    {
        var b = Encoding.ASCII.GetBytes(s);
        return b.Length % 2 == 1 ? [.. b, (byte)' '] : b;
    }
}
