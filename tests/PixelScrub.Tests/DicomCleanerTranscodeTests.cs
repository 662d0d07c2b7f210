using PixelScrub.Cleaning;
using PixelScrub.Dicom;
using PixelScrub.Samples;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests;

/// <summary>The facade's transcode option: SaveDicom writes the cleaned file in the chosen syntax.</summary>
public sealed class DicomCleanerTranscodeTests : IDisposable
{
    private readonly TempFolder _dir = new("pixelscrub-facade-transcode-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SaveDicom_writes_the_cleaned_jpeg_ultrasound_native_when_asked()
    {
        DemoSamples.Write(Path.Combine(_dir, "in"));
        var input = Path.Combine(_dir, "in", "us", "philips-epiq-jpeg.dcm");
        var plain = new DicomCleaner();
        plain.Detect(input);
        plain.Clean();
        var jpeg = plain.SaveDicom(Path.Combine(_dir, "plain"));
        Assert.Equal(TransferSyntax.JpegBaseline, DicomFile.Open(jpeg, DicomReadOptions.Header).TransferSyntax);

        var native = new DicomCleaner { Transcode = TranscodeOptions.Decompress() };
        native.Detect(input);
        native.Clean();
        var written = native.SaveDicom(Path.Combine(_dir, "native"));
        var file = DicomFile.Open(written);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("RGB", file.Dataset.GetString(new DicomTag(0x0028, 0x0004)));

        // The same samples as decompressing the cleaned JPEG file afterwards.
        var later = DicomFile.Open(jpeg);
        Assert.True(DicomCleaner.TranscodeFile(later, TranscodeOptions.Decompress()).Changed);
        Assert.True(later.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span.SequenceEqual(file.Dataset.Get(DicomTag.PixelData)!.Value.GetBytes().Span));
    }
}
