using PixelScrub.Text.Ocr;

namespace PixelScrub.Tests.Text.Ocr;

/// <summary>A variable name Tesseract does not know is refused, not ignored (Tesseract's SetVariable returns false for it).</summary>
public sealed class TesseractEngineTests
{
    [Fact]
    public void A_variable_tesseract_does_not_know_is_refused_and_a_known_one_accepted()
    {
        using var engine = TesseractEngine.Create();
        var e = Assert.Throws<UnsupportedInputException>(() => engine.Set("textord_all_proportional", "1"));
        Assert.Contains("textord_all_proportional", e.Message);
        engine.Set("textord_all_prop", "1");
    }
}
