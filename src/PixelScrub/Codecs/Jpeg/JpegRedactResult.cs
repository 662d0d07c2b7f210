namespace PixelScrub.Codecs.Jpeg;

/// <summary>What <see cref="JpegRedactor.Redact"/> did to one frame.</summary>
internal sealed class JpegRedactResult
{
    public JpegRedactResult(int[] blocksRedacted, bool huffmanTablesRebuilt, bool copiedUnchanged, int bytesWritten)
    {
        BlocksRedacted = blocksRedacted;
        HuffmanTablesRebuilt = huffmanTablesRebuilt;
        CopiedUnchanged = copiedUnchanged;
        BytesWritten = bytesWritten;
    }

    /// <summary>Blocks redacted per component (frame order).</summary>
    public int[] BlocksRedacted { get; }

    /// <summary>
    /// True when a Huffman table lacked a code the redacted data needs, so the affected tables were rebuilt
    /// from the new statistics (T.81 K.2), new DHT segments written and the scans using them re-encoded.
    /// </summary>
    public bool HuffmanTablesRebuilt { get; }

    /// <summary>True when no block intersected the mask and the code stream was copied byte for byte.</summary>
    public bool CopiedUnchanged { get; }

    public int BytesWritten { get; }

    public int TotalBlocksRedacted
    {
        get
        {
            int n = 0;
            foreach (int b in BlocksRedacted) n += b;
            return n;
        }
    }
}
