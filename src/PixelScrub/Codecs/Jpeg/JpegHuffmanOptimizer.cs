namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// Builds an optimal Huffman table from symbol frequencies, limited to 16-bit codes, following T.81 K.2
/// (Figures K.1 to K.4): code sizes by repeatedly merging the two least frequent entries, a reserved symbol
/// so no code is all ones, lengths over 16 folded back (Adjust_BITS), symbols sorted by code size.
/// </summary>
internal static class JpegHuffmanOptimizer
{
    /// <summary>
    /// A table for the symbols with non-zero frequency in <paramref name="frequencies"/> (256 entries).
    /// With no symbol used at all it returns a one-symbol table for symbol 0, so a DHT is always valid.
    /// </summary>
    public static JpegHuffmanSpec Build(ReadOnlySpan<long> frequencies)
    {
        if (frequencies.Length != 256) throw new ArgumentException("256 frequencies expected", nameof(frequencies));
        Span<long> freq = stackalloc long[257];
        Span<int> codeSize = stackalloc int[257];
        Span<int> others = stackalloc int[257];
        bool any = false;
        for (int i = 0; i < 256; i++)
        {
            freq[i] = frequencies[i];
            any |= freq[i] > 0;
        }

        if (!any) freq[0] = 1;
        freq[256] = 1; // reserved: guarantees no code of all ones (K.2)
        others.Fill(-1);
        codeSize.Clear();

        while (true)
        {
            // V1: least non-zero frequency; V2: next least. Ties go to the larger symbol value, so the
            // reserved symbol 256 ends up with the longest code.
            int v1 = -1, v2 = -1;
            long f1 = long.MaxValue, f2 = long.MaxValue;
            for (int i = 0; i <= 256; i++)
            {
                long f = freq[i];
                if (f == 0) continue;
                if (f <= f1)
                {
                    v2 = v1; f2 = f1;
                    v1 = i; f1 = f;
                }
                else if (f <= f2)
                {
                    v2 = i; f2 = f;
                }
            }

            if (v2 < 0) break;
            freq[v1] += freq[v2];
            freq[v2] = 0;
            codeSize[v1]++;
            while (others[v1] >= 0)
            {
                v1 = others[v1];
                codeSize[v1]++;
            }

            others[v1] = v2;
            codeSize[v2]++;
            while (others[v2] >= 0)
            {
                v2 = others[v2];
                codeSize[v2]++;
            }
        }

        // Count_BITS (Figure K.2): with 257 symbols a code size can in theory reach 256.
        Span<int> bits = stackalloc int[258];
        bits.Clear();
        for (int i = 0; i <= 256; i++)
        {
            if (codeSize[i] > 0) bits[codeSize[i]]++;
        }

        // Adjust_BITS (Figure K.3): move codes longer than 16 bits up the tree.
        for (int i = 257; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                int j = i - 2;
                while (bits[j] == 0) j--;
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }

        // Remove the reserved code from the longest length.
        int longest = 16;
        while (bits[longest] == 0) longest--;
        bits[longest]--;

        Span<byte> counts = stackalloc byte[16];
        for (int len = 1; len <= 16; len++) counts[len - 1] = (byte)bits[len];

        // Sort_input (Figure K.4): symbols by code size, then by value; the reserved symbol is dropped.
        Span<byte> values = stackalloc byte[256];
        int n = 0;
        int maxSize = 0;
        for (int s = 0; s < 256; s++) maxSize = Math.Max(maxSize, codeSize[s]);
        for (int size = 1; size <= maxSize; size++)
        {
            for (int s = 0; s < 256; s++)
            {
                if (codeSize[s] == size) values[n++] = (byte)s;
            }
        }

        return new JpegHuffmanSpec(counts, values[..n]);
    }
}
