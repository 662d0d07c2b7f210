using PixelScrub.Dicom;

namespace PixelScrub.Cleaning;

/// <summary>
/// What to write files as, in the manner of CTP's pipeline stages: <see cref="Decompress"/> (DicomDecompressor: every
/// encapsulated file written native, native files untouched) or <see cref="To"/> (DicomTranscoder: every file with
/// pixel data written in one transfer syntax). Either may leave JPEG Baseline files as they are (CTP's skipJPEGBaseline).
/// </summary>
public sealed record TranscodeOptions
{
    private TranscodeOptions(TransferSyntax target, bool onlyEncapsulated, bool skipJpegBaseline)
    {
        Target = target;
        OnlyEncapsulated = onlyEncapsulated;
        SkipJpegBaseline = skipJpegBaseline;
    }

    /// <summary>The transfer syntax files are written in.</summary>
    public TransferSyntax Target { get; }

    /// <summary>Only encapsulated inputs are rewritten (decompression); native ones keep their encoding.</summary>
    public bool OnlyEncapsulated { get; }

    /// <summary>JPEG Baseline (1.2.840.10008.1.2.4.50) inputs are left as they are.</summary>
    public bool SkipJpegBaseline { get; }

    /// <summary>The syntaxes PixelScrub can write: native little endian ones, and those it has an encoder for.</summary>
    public static IReadOnlyList<TransferSyntax> Targets { get; } =
    [
        TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.DeflatedExplicitVRLittleEndian,
        TransferSyntax.RleLossless, TransferSyntax.JpegLossless, TransferSyntax.JpegLosslessSV1, TransferSyntax.JpegLSLossless,
        TransferSyntax.Jpeg2000Lossless, TransferSyntax.JpegBaseline,
    ];

    /// <summary>Like CTP's DicomDecompressor: encapsulated files are written Explicit VR Little Endian.</summary>
    public static TranscodeOptions Decompress(bool skipJpegBaseline = false) =>
        new(TransferSyntax.ExplicitVRLittleEndian, onlyEncapsulated: true, skipJpegBaseline);

    /// <summary>
    /// Like CTP's DicomTranscoder: every file with pixel data is written in <paramref name="transferSyntaxUid"/>.
    /// Throws <see cref="ArgumentException"/> naming the choices when PixelScrub cannot write that syntax.
    /// </summary>
    public static TranscodeOptions To(string transferSyntaxUid, bool skipJpegBaseline = false)
    {
        ArgumentNullException.ThrowIfNull(transferSyntaxUid);
        var syntax = TransferSyntax.FromUid(transferSyntaxUid.Trim());
        if (!Targets.Contains(syntax))
        {
            throw new ArgumentException(
                $"cannot write transfer syntax {syntax}; choose one of: {string.Join(", ", Targets.Select(t => $"{t.Uid} ({t.Name})"))}");
        }

        return new TranscodeOptions(syntax, onlyEncapsulated: false, skipJpegBaseline);
    }

    /// <summary>A stable text for these settings (the resume ledger redoes files finished under other settings).</summary>
    internal string Key => $"transcode {Target.Uid}{(OnlyEncapsulated ? " encapsulated-only" : "")}{(SkipJpegBaseline ? " skip-jpeg-baseline" : "")}";

    /// <summary>True when a file in <paramref name="source"/> is to be rewritten (before looking at its pixel data).</summary>
    public bool Applies(TransferSyntax source)
    {
        if (SkipJpegBaseline && source == TransferSyntax.JpegBaseline) return false;
        if (OnlyEncapsulated && !source.IsEncapsulated) return false;
        return source != Target;
    }
}
