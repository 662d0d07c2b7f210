namespace PixelScrub.Codecs.Native;

/// <summary>
/// The OpenJPEG 2.5 C API (openjpeg.h) resolved from libopenjp2.so.7 at run time, with the struct offsets of
/// that ABI (LP64: Linux x64 and arm64) for the few fields PixelScrub reads or sets.
/// </summary>
internal sealed unsafe class OpenJpegApi
{
    private static readonly Dictionary<string, OpenJpegApi> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();

    public const int CodecJ2k = 0;
    public const int CodecJp2 = 2;
    public const int ColorSpaceSrgb = 1;
    public const int ColorSpaceGray = 2;

    /// <summary>sizeof(opj_dparameters_t) is 8252 and sizeof(opj_cparameters_t) 18720 in 2.5; allocate with room to spare.</summary>
    public const int DecoderParametersBytes = 16384;
    public const int EncoderParametersBytes = 32768;

    // opj_cparameters_t field offsets (openjpeg.h 2.5, LP64).
    public const int CpDistoAllocOffset = 20;
    public const int TcpNumLayersOffset = 4796;
    public const int TcpRatesOffset = 4800;
    public const int NumResolutionOffset = 5600;
    public const int IrreversibleOffset = 5616;
    public const int TcpMctOffset = 18698;

    // opj_image_t: x0, y0, x1, y1, numcomps (uint32 each), color_space (int), comps (pointer at 24).
    public const int ImageCompsOffset = 24;

    // opj_image_comp_t (64 bytes): dx, dy, w, h, x0, y0, prec, bpp, sgnd, resno_decoded, factor, data (pointer at 48).
    public const int ComponentBytes = 64;
    public const int ComponentDataOffset = 48;

    // opj_image_cmptparm_t (36 bytes): dx, dy, w, h, x0, y0, prec, bpp, sgnd.
    public const int ComponentParameterBytes = 36;

    private OpenJpegApi(nint h, string library)
    {
        nint F(string name) => NativeLibraryLoader.Export(h, library, NativeLibraryNames.OpenJpegPackage, name);
        CreateDecompress = (delegate* unmanaged<int, nint>)F("opj_create_decompress");
        CreateCompress = (delegate* unmanaged<int, nint>)F("opj_create_compress");
        DestroyCodec = (delegate* unmanaged<nint, void>)F("opj_destroy_codec");
        SetDefaultDecoderParameters = (delegate* unmanaged<byte*, void>)F("opj_set_default_decoder_parameters");
        SetDefaultEncoderParameters = (delegate* unmanaged<byte*, void>)F("opj_set_default_encoder_parameters");
        SetupDecoder = (delegate* unmanaged<nint, byte*, int>)F("opj_setup_decoder");
        SetupEncoder = (delegate* unmanaged<nint, byte*, nint, int>)F("opj_setup_encoder");
        DecoderSetStrictMode = (delegate* unmanaged<nint, int, int>)F("opj_decoder_set_strict_mode");
        SetErrorHandler = (delegate* unmanaged<nint, delegate* unmanaged<byte*, void*, void>, void*, int>)F("opj_set_error_handler");
        SetWarningHandler = (delegate* unmanaged<nint, delegate* unmanaged<byte*, void*, void>, void*, int>)F("opj_set_warning_handler");
        StreamCreate = (delegate* unmanaged<nuint, int, nint>)F("opj_stream_create");
        StreamDestroy = (delegate* unmanaged<nint, void>)F("opj_stream_destroy");
        StreamSetReadFunction = (delegate* unmanaged<nint, delegate* unmanaged<void*, nuint, void*, nuint>, void>)F("opj_stream_set_read_function");
        StreamSetWriteFunction = (delegate* unmanaged<nint, delegate* unmanaged<void*, nuint, void*, nuint>, void>)F("opj_stream_set_write_function");
        StreamSetSkipFunction = (delegate* unmanaged<nint, delegate* unmanaged<long, void*, long>, void>)F("opj_stream_set_skip_function");
        StreamSetSeekFunction = (delegate* unmanaged<nint, delegate* unmanaged<long, void*, int>, void>)F("opj_stream_set_seek_function");
        StreamSetUserData = (delegate* unmanaged<nint, void*, void*, void>)F("opj_stream_set_user_data");
        StreamSetUserDataLength = (delegate* unmanaged<nint, ulong, void>)F("opj_stream_set_user_data_length");
        ReadHeader = (delegate* unmanaged<nint, nint, nint*, int>)F("opj_read_header");
        DecodeImage = (delegate* unmanaged<nint, nint, nint, int>)F("opj_decode");
        EndDecompress = (delegate* unmanaged<nint, nint, int>)F("opj_end_decompress");
        ImageCreate = (delegate* unmanaged<uint, byte*, int, nint>)F("opj_image_create");
        ImageDestroy = (delegate* unmanaged<nint, void>)F("opj_image_destroy");
        StartCompress = (delegate* unmanaged<nint, nint, nint, int>)F("opj_start_compress");
        EncodeImage = (delegate* unmanaged<nint, nint, int>)F("opj_encode");
        EndCompress = (delegate* unmanaged<nint, nint, int>)F("opj_end_compress");
    }

    public readonly delegate* unmanaged<int, nint> CreateDecompress;
    public readonly delegate* unmanaged<int, nint> CreateCompress;
    public readonly delegate* unmanaged<nint, void> DestroyCodec;
    public readonly delegate* unmanaged<byte*, void> SetDefaultDecoderParameters;
    public readonly delegate* unmanaged<byte*, void> SetDefaultEncoderParameters;
    public readonly delegate* unmanaged<nint, byte*, int> SetupDecoder;
    public readonly delegate* unmanaged<nint, byte*, nint, int> SetupEncoder;
    public readonly delegate* unmanaged<nint, int, int> DecoderSetStrictMode;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<byte*, void*, void>, void*, int> SetErrorHandler;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<byte*, void*, void>, void*, int> SetWarningHandler;
    public readonly delegate* unmanaged<nuint, int, nint> StreamCreate;
    public readonly delegate* unmanaged<nint, void> StreamDestroy;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<void*, nuint, void*, nuint>, void> StreamSetReadFunction;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<void*, nuint, void*, nuint>, void> StreamSetWriteFunction;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<long, void*, long>, void> StreamSetSkipFunction;
    public readonly delegate* unmanaged<nint, delegate* unmanaged<long, void*, int>, void> StreamSetSeekFunction;
    public readonly delegate* unmanaged<nint, void*, void*, void> StreamSetUserData;
    public readonly delegate* unmanaged<nint, ulong, void> StreamSetUserDataLength;
    public readonly delegate* unmanaged<nint, nint, nint*, int> ReadHeader;
    public readonly delegate* unmanaged<nint, nint, nint, int> DecodeImage;
    public readonly delegate* unmanaged<nint, nint, int> EndDecompress;
    public readonly delegate* unmanaged<uint, byte*, int, nint> ImageCreate;
    public readonly delegate* unmanaged<nint, void> ImageDestroy;
    public readonly delegate* unmanaged<nint, nint, nint, int> StartCompress;
    public readonly delegate* unmanaged<nint, nint, int> EncodeImage;
    public readonly delegate* unmanaged<nint, nint, int> EndCompress;

    /// <summary>The API of <paramref name="library"/>, loaded once per process; throws when it is missing.</summary>
    public static OpenJpegApi Load(string library = NativeLibraryNames.OpenJpeg)
    {
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(library, out var api)) return api;
            nint handle = NativeLibraryLoader.Load(library, NativeLibraryNames.OpenJpegPackage, "JPEG 2000 (OpenJPEG)");
            api = new OpenJpegApi(handle, library);
            Loaded[library] = api;
            return api;
        }
    }
}
