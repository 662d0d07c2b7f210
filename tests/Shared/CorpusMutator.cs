namespace PixelScrub.Tests.Support;

/// <summary>
/// The seeded mutations the fuzz tests apply to corpus files (the reader's, and `clean`'s over a batch): bit flips,
/// truncation, a 4-byte field (a length, most often) set to an extreme or random value, an undefined length inserted,
/// random bytes overwritten or appended. The same seed gives the same cases; <c>what</c> names the mutation for the
/// failure message.
/// </summary>
public static class CorpusMutator
{
    public static byte[] Mutate(byte[] seed, Random rng, out string what)
    {
        var b = (byte[])seed.Clone();
        switch (rng.Next(6))
        {
            case 0:
            {
                int flips = 1 + rng.Next(8);
                for (int k = 0; k < flips; k++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                what = $"{flips} bit flips";
                return b;
            }

            case 1:
            {
                int len = rng.Next(b.Length);
                what = $"truncated to {len}";
                return b[..len];
            }

            case 2:
            {
                int pos = rng.Next(Math.Max(1, b.Length - 4));
                uint v = rng.Next(4) switch { 0 => 0xFFFFFFFF, 1 => 0xFFFFFFFE, 2 => (uint)rng.Next(), _ => (uint)rng.Next(0, 64) };
                BitConverter.TryWriteBytes(b.AsSpan(pos, Math.Min(4, b.Length - pos)), v);
                what = $"4 bytes (a length field?) at {pos} set to {v}";
                return b;
            }

            case 3 when b.Length > 140:
            {
                // an undefined length after a plausible explicit VR element header (past the preamble and DICM)
                int pos = rng.Next(132, b.Length - 8);
                b.AsSpan(pos, 4).Fill(0xFF);
                what = $"undefined length inserted at {pos}";
                return b;
            }

            case 4:
            {
                int pos = rng.Next(b.Length), len = Math.Min(rng.Next(1, 64), b.Length - pos);
                rng.NextBytes(b.AsSpan(pos, len));
                what = $"{len} random bytes at {pos}";
                return b;
            }

            default:
            {
                int n = 1 + rng.Next(64);
                var tail = new byte[n];
                rng.NextBytes(tail);
                what = $"{n} random bytes appended";
                return [.. b, .. tail];
            }
        }
    }
}
