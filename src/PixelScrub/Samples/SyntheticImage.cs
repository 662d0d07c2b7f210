using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Dicom;

namespace PixelScrub.Samples;

/// <summary>Builds synthetic DICOM datasets (for the demo, tests and benchmarks): header attributes and native pixel data.</summary>
public static class SyntheticImage
{
    /// <summary>A deterministic UID under 2.25 (PS3.5 B.2) derived from a name.</summary>
    public static string Uid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var value = new BigInteger(hash.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A dataset with the patient, study, series and image attributes every sample shares.</summary>
    public static DicomDataset Header(string name, string modality, string sopClassUid, IReadOnlyDictionary<string, string> extra)
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0016), DicomVR.UI, sopClassUid);
        ds.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, Uid(name + "/instance"));
        ds.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, "20260101");
        ds.SetString(new DicomTag(0x0008, 0x0060), DicomVR.CS, modality);
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "DOE^JANE");
        ds.SetString(new DicomTag(0x0010, 0x0020), DicomVR.LO, "PS-0042-7731");
        ds.SetString(new DicomTag(0x0010, 0x0030), DicomVR.DA, "19610417");
        ds.SetString(new DicomTag(0x0020, 0x000D), DicomVR.UI, Uid("demo/study"));
        ds.SetString(new DicomTag(0x0020, 0x000E), DicomVR.UI, Uid(name + "/series"));
        ds.SetString(new DicomTag(0x0020, 0x0013), DicomVR.IS, "1");
        foreach (var (keyword, value) in extra)
        {
            if (!DicomDictionary.TryGetEntry(keyword, out var entry)) throw new ArgumentException($"unknown keyword {keyword}");
            var vr = entry.DefaultVR;
            if (vr.Kind == VRKind.Binary)
            {
                ds.SetUInt16(entry.Tag, value.Split('\\').Select(ushort.Parse).ToArray());
            }
            else
            {
                ds.SetString(entry.Tag, vr, value.Split('\\'));
            }
        }

        return ds;
    }

    /// <summary>Sets the Image Pixel module and native pixel data (little endian).</summary>
    public static void SetPixels(DicomDataset ds, int rows, int columns, int samples, int bitsAllocated, int bitsStored, bool signed,
        string photometric, byte[] pixelData, int frames = 1)
    {
        ds.SetUInt16(new DicomTag(0x0028, 0x0002), (ushort)samples);
        ds.SetString(new DicomTag(0x0028, 0x0004), DicomVR.CS, photometric);
        if (samples > 1) ds.SetUInt16(new DicomTag(0x0028, 0x0006), 0);
        if (frames > 1) ds.SetString(new DicomTag(0x0028, 0x0008), DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.SetUInt16(new DicomTag(0x0028, 0x0010), (ushort)rows);
        ds.SetUInt16(new DicomTag(0x0028, 0x0011), (ushort)columns);
        ds.SetUInt16(new DicomTag(0x0028, 0x0100), (ushort)bitsAllocated);
        ds.SetUInt16(new DicomTag(0x0028, 0x0101), (ushort)bitsStored);
        ds.SetUInt16(new DicomTag(0x0028, 0x0102), (ushort)(bitsStored - 1));
        ds.SetUInt16(new DicomTag(0x0028, 0x0103), (ushort)(signed ? 1 : 0));
        var bytes = pixelData;
        if ((bytes.Length & 1) == 1) Array.Resize(ref bytes, bytes.Length + 1);
        ds.Set(new DicomElement(DicomTag.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, ElementValue.FromBytes(bytes)));
    }

    /// <summary>
    /// Sets the Image Pixel module and encapsulated pixel data: one fragment per frame (padded to even length) and a
    /// Basic Offset Table (PS3.5 A.4), with the Lossy Image Compression attributes when the frames are lossy.
    /// </summary>
    public static void SetEncapsulatedPixels(DicomDataset ds, int rows, int columns, int samples, string photometric,
        IReadOnlyList<byte[]> frames, long uncompressedBytesPerFrame, string? lossyMethod)
    {
        SetPixels(ds, rows, columns, samples, 8, 8, false, photometric, [], frames.Count);
        var fragments = new List<ElementValue>();
        var offsets = new List<long>();
        var table = new byte[frames.Count * 4];
        long position = 0, compressed = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            if ((f.Length & 1) == 1) Array.Resize(ref f, f.Length + 1);
            BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(i * 4), (uint)position);
            offsets.Add(position);
            fragments.Add(ElementValue.FromBytes(f));
            position += 8 + f.Length;
            compressed += f.Length;
        }

        ds.Set(new DicomFragments(DicomTag.PixelData, DicomVR.OB, ElementValue.FromBytes(table), fragments, offsets));
        if (lossyMethod is not null)
        {
            double ratio = (double)uncompressedBytesPerFrame * frames.Count / Math.Max(1, compressed);
            ds.SetString(new DicomTag(0x0028, 0x2110), DicomVR.CS, "01");
            ds.SetString(new DicomTag(0x0028, 0x2112), DicomVR.DS, ratio.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
            ds.SetString(new DicomTag(0x0028, 0x2114), DicomVR.CS, lossyMethod);
        }
    }

    /// <summary>A smooth 16-bit "anatomy" background: concentric rings with deterministic texture.</summary>
    public static ushort[] CtBackground(int rows, int columns, int maxValue, int seed)
    {
        var rng = new Random(seed);
        var data = new ushort[rows * columns];
        double cx = columns / 2.0, cy = rows / 2.0, r0 = Math.Min(rows, columns) * 0.42;
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < columns; x++)
            {
                double r = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                double v = r < r0 ? 0.35 + 0.15 * Math.Cos(r / 9.0) + 0.2 * Math.Exp(-r / 60) : 0.02;
                data[y * columns + x] = (ushort)Math.Clamp(v * maxValue + rng.Next(-20, 20), 0, maxValue);
            }
        }

        return data;
    }

    public static byte[] ToLittleEndian(ReadOnlySpan<ushort> samples)
    {
        var b = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), samples[i]);
        return b;
    }
}
