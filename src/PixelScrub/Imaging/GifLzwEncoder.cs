namespace PixelScrub.Imaging;

/// <summary>
/// The variable-length-code LZW of GIF89a (appendix F of the GIF89a specification): 8-bit minimum code size,
/// codes of 9 to 12 bits packed least significant bit first, a clear code when the table is full, data in
/// sub-blocks of at most 255 bytes.
/// </summary>
internal sealed class GifLzwEncoder
{
    private const int MinCodeSize = 8;
    private const int ClearCode = 1 << MinCodeSize;
    private const int EndCode = ClearCode + 1;
    private const int FirstFree = ClearCode + 2;
    private const int MaxCodes = 4096;
    private const int HashSize = 8192; // power of two, twice the table
    private const int HashMask = HashSize - 1;

    private readonly int[] _hashKeys = new int[HashSize]; // key + 1; 0 = empty
    private readonly short[] _hashCodes = new short[HashSize];
    private readonly byte[] _block = new byte[256];
    private Stream _output = Stream.Null;
    private int _blockLength;
    private int _bitBuffer;
    private int _bitCount;
    private int _codeSize;
    private int _nextCode;

    /// <summary>Writes the minimum code size byte, the compressed indices in sub-blocks and the block terminator.</summary>
    public void Encode(ReadOnlySpan<byte> indices, Stream output)
    {
        _output = output;
        _blockLength = 0;
        _bitBuffer = 0;
        _bitCount = 0;
        output.WriteByte(MinCodeSize);
        ResetTable();
        Emit(ClearCode);
        if (!indices.IsEmpty)
        {
            int prefix = indices[0];
            for (int i = 1; i < indices.Length; i++)
            {
                int c = indices[i];
                int key = (prefix << 8) | c;
                int slot = Find(key);
                if (_hashKeys[slot] != 0)
                {
                    prefix = _hashCodes[slot];
                    continue;
                }

                Emit(prefix);
                if (_nextCode < MaxCodes)
                {
                    _hashKeys[slot] = key + 1;
                    _hashCodes[slot] = (short)_nextCode;
                    _nextCode++;

                    // The decoder adds each entry one code later than the encoder, so the code size grows once
                    // the entry just added no longer fits (GIF89a appendix F: no "early change").
                    if (_nextCode - 1 == 1 << _codeSize && _codeSize < 12) _codeSize++;
                }
                else
                {
                    Emit(ClearCode);
                    ResetTable();
                }

                prefix = c;
            }

            Emit(prefix);
        }

        Emit(EndCode);
        if (_bitCount > 0) PutByte((byte)_bitBuffer);
        FlushBlock();
        output.WriteByte(0); // block terminator
    }

    private void ResetTable()
    {
        Array.Clear(_hashKeys);
        _codeSize = MinCodeSize + 1;
        _nextCode = FirstFree;
    }

    private int Find(int key)
    {
        int slot = (int)(((uint)key * 0x9E3779B1u) >> 19) & HashMask;
        while (_hashKeys[slot] != 0 && _hashKeys[slot] != key + 1) slot = (slot + 1) & HashMask;
        return slot;
    }

    private void Emit(int code)
    {
        _bitBuffer |= code << _bitCount;
        _bitCount += _codeSize;
        while (_bitCount >= 8)
        {
            PutByte((byte)_bitBuffer);
            _bitBuffer >>= 8;
            _bitCount -= 8;
        }
    }

    private void PutByte(byte b)
    {
        _block[1 + _blockLength++] = b;
        if (_blockLength == 255) FlushBlock();
    }

    private void FlushBlock()
    {
        if (_blockLength == 0) return;
        _block[0] = (byte)_blockLength;
        _output.Write(_block, 0, _blockLength + 1);
        _blockLength = 0;
    }
}
