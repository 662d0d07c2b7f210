using System.Buffers.Binary;
using System.Numerics;

namespace PixelScrub.Deidentification.Mapping;

/// <summary>
/// Mappings that need no shared state: each output is a keyed hash (HMAC-SHA256) of the input, so every file, run and
/// shard that uses the same key maps the same input to the same output, and references between files stay linked.
/// </summary>
internal sealed class KeyedMapper(MappingKey key, int? fixedDateOffsetDays = null)
{
    /// <summary>Per-patient offsets lie in [-MaxOffsetDays, -1]: dates move into the past by up to ten years.</summary>
    public const int MaxOffsetDays = 3652;

    public MappingKey Key { get; } = key;

    /// <summary>A fixed offset in days for every patient, when given; otherwise each patient's comes from the key.</summary>
    public int? FixedDateOffsetDays { get; } = fixedDateOffsetDays;

    /// <summary>
    /// A new UID "2.25.N" (PS3.5 B.2): N is the decimal value of a UUID built from the first 128 bits of the keyed hash,
    /// with the version field set to 8 and the variant to RFC 9562 (ITU-T X.667), so it is a well-formed UUID-derived UID
    /// of at most 44 characters. Leading and trailing spaces and NUL padding are ignored.
    /// </summary>
    public string MapUid(string uid)
    {
        Span<byte> b = stackalloc byte[16];
        Key.Hash("uid", uid.Trim(' ', '\0')).AsSpan(0, 16).CopyTo(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x80); // version 8 (custom)
        b[8] = (byte)((b[8] & 0x3F) | 0x80); // variant 10xx
        var n = new BigInteger(b, isUnsigned: true, isBigEndian: true);
        return "2.25." + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The date offset of a patient (identified by the original Patient ID, or name when the ID is empty).</summary>
    public int DateOffsetDays(string patient)
    {
        if (FixedDateOffsetDays is int fixedOffset) return fixedOffset;
        var h = Key.Hash("date-offset", patient.Trim());
        uint v = BinaryPrimitives.ReadUInt32BigEndian(h);
        return -(int)(1 + (v % MaxOffsetDays));
    }

    /// <summary>A new Patient ID: 16 upper-case hex digits of the keyed hash of the original (64 bits).</summary>
    public string MapPatientId(string patientId) => Convert.ToHexString(Key.Hash("patient-id", patientId.Trim()).AsSpan(0, 8));
}
