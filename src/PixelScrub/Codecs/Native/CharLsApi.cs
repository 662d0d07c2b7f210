namespace PixelScrub.Codecs.Native;

/// <summary>
/// The CharLS 2.x C API (charls_jpegls_decoder.h, charls_jpegls_encoder.h), resolved from the shared library at
/// run time. All functions return a charls_jpegls_errc (0 = success).
/// </summary>
internal sealed unsafe class CharLsApi
{
    private static readonly Dictionary<string, CharLsApi> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();

    private CharLsApi(nint h, string library)
    {
        nint F(string name) => NativeLibraryLoader.Export(h, library, NativeLibraryNames.CharLsPackage, name);
        DecoderCreate = (delegate* unmanaged<nint>)F("charls_jpegls_decoder_create");
        DecoderDestroy = (delegate* unmanaged<nint, void>)F("charls_jpegls_decoder_destroy");
        DecoderSetSourceBuffer = (delegate* unmanaged<nint, byte*, nuint, int>)F("charls_jpegls_decoder_set_source_buffer");
        DecoderReadHeader = (delegate* unmanaged<nint, int>)F("charls_jpegls_decoder_read_header");
        DecoderGetFrameInfo = (delegate* unmanaged<nint, FrameInfo*, int>)F("charls_jpegls_decoder_get_frame_info");
        DecoderGetNearLossless = (delegate* unmanaged<nint, int, int*, int>)F("charls_jpegls_decoder_get_near_lossless");
        DecoderGetInterleaveMode = (delegate* unmanaged<nint, int*, int>)F("charls_jpegls_decoder_get_interleave_mode");
        DecoderGetDestinationSize = (delegate* unmanaged<nint, uint, nuint*, int>)F("charls_jpegls_decoder_get_destination_size");
        DecoderDecodeToBuffer = (delegate* unmanaged<nint, byte*, nuint, uint, int>)F("charls_jpegls_decoder_decode_to_buffer");
        EncoderCreate = (delegate* unmanaged<nint>)F("charls_jpegls_encoder_create");
        EncoderDestroy = (delegate* unmanaged<nint, void>)F("charls_jpegls_encoder_destroy");
        EncoderSetFrameInfo = (delegate* unmanaged<nint, FrameInfo*, int>)F("charls_jpegls_encoder_set_frame_info");
        EncoderSetNearLossless = (delegate* unmanaged<nint, int, int>)F("charls_jpegls_encoder_set_near_lossless");
        EncoderSetInterleaveMode = (delegate* unmanaged<nint, int, int>)F("charls_jpegls_encoder_set_interleave_mode");
        EncoderGetEstimatedDestinationSize = (delegate* unmanaged<nint, nuint*, int>)F("charls_jpegls_encoder_get_estimated_destination_size");
        EncoderSetDestinationBuffer = (delegate* unmanaged<nint, byte*, nuint, int>)F("charls_jpegls_encoder_set_destination_buffer");
        EncoderEncodeFromBuffer = (delegate* unmanaged<nint, byte*, nuint, uint, int>)F("charls_jpegls_encoder_encode_from_buffer");
        EncoderGetBytesWritten = (delegate* unmanaged<nint, nuint*, int>)F("charls_jpegls_encoder_get_bytes_written");
        GetErrorMessage = (delegate* unmanaged<int, byte*>)F("charls_get_error_message");
    }

    /// <summary>charls_frame_info: width, height, bits_per_sample, component_count.</summary>
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    public const int InterleaveNone = 0;
    public const int InterleaveLine = 1;
    public const int InterleaveSample = 2;

    public readonly delegate* unmanaged<nint> DecoderCreate;
    public readonly delegate* unmanaged<nint, void> DecoderDestroy;
    public readonly delegate* unmanaged<nint, byte*, nuint, int> DecoderSetSourceBuffer;
    public readonly delegate* unmanaged<nint, int> DecoderReadHeader;
    public readonly delegate* unmanaged<nint, FrameInfo*, int> DecoderGetFrameInfo;
    public readonly delegate* unmanaged<nint, int, int*, int> DecoderGetNearLossless;
    public readonly delegate* unmanaged<nint, int*, int> DecoderGetInterleaveMode;
    public readonly delegate* unmanaged<nint, uint, nuint*, int> DecoderGetDestinationSize;
    public readonly delegate* unmanaged<nint, byte*, nuint, uint, int> DecoderDecodeToBuffer;
    public readonly delegate* unmanaged<nint> EncoderCreate;
    public readonly delegate* unmanaged<nint, void> EncoderDestroy;
    public readonly delegate* unmanaged<nint, FrameInfo*, int> EncoderSetFrameInfo;
    public readonly delegate* unmanaged<nint, int, int> EncoderSetNearLossless;
    public readonly delegate* unmanaged<nint, int, int> EncoderSetInterleaveMode;
    public readonly delegate* unmanaged<nint, nuint*, int> EncoderGetEstimatedDestinationSize;
    public readonly delegate* unmanaged<nint, byte*, nuint, int> EncoderSetDestinationBuffer;
    public readonly delegate* unmanaged<nint, byte*, nuint, uint, int> EncoderEncodeFromBuffer;
    public readonly delegate* unmanaged<nint, nuint*, int> EncoderGetBytesWritten;
    public readonly delegate* unmanaged<int, byte*> GetErrorMessage;

    /// <summary>The API of <paramref name="library"/>, loaded once per process; throws when it is missing.</summary>
    public static CharLsApi Load(string library = NativeLibraryNames.CharLs)
    {
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(library, out var api)) return api;
            nint handle = NativeLibraryLoader.Load(library, NativeLibraryNames.CharLsPackage, "JPEG-LS (CharLS)");
            api = new CharLsApi(handle, library);
            Loaded[library] = api;
            return api;
        }
    }

    public string Message(int errc)
    {
        byte* text = GetErrorMessage(errc);
        return text == null ? $"CharLS error {errc}" : $"{System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)text)} (CharLS error {errc})";
    }
}
