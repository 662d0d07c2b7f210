using System.Text;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// One defined term of Specific Character Set (0008,0005) and what it designates (PS3.3 C.12.1.1.2).
/// A term either designates graphic sets into G0/G1 (the single-byte and ISO 2022 terms) or names an encoding
/// that is read whole and allows no code extensions (ISO_IR 192, GB18030, GBK).
/// </summary>
internal sealed class CharacterTerm
{
    private CharacterTerm(string definedTerm, bool codeExtensions, GraphicSet? g0, GraphicSet? g1, Encoding? whole, string? iso2022Form)
    {
        DefinedTerm = definedTerm;
        CodeExtensions = codeExtensions;
        G0 = g0;
        G1 = g1;
        Whole = whole;
        Iso2022Form = iso2022Form;
    }

    /// <summary>The defined term as the standard spells it.</summary>
    public string DefinedTerm { get; }

    /// <summary>True for the "ISO 2022 ..." terms (Tables C.12-3 and C.12-4).</summary>
    public bool CodeExtensions { get; }

    /// <summary>The set this term designates into G0, if any.</summary>
    public GraphicSet? G0 { get; }

    /// <summary>The set this term designates into G1, if any.</summary>
    public GraphicSet? G1 { get; }

    /// <summary>The encoding of a term that is decoded whole (UTF-8, GB18030, GBK); null for graphic-set terms.</summary>
    public Encoding? Whole { get; }

    /// <summary>For a single-byte term without code extensions, the defined term of its ISO 2022 form.</summary>
    public string? Iso2022Form { get; }

    public static CharacterTerm Plain(string term, GraphicSet g0, GraphicSet? g1, string? iso2022Form) =>
        new(term, false, g0, g1, null, iso2022Form);

    public static CharacterTerm Iso2022(string term, GraphicSet? g0, GraphicSet? g1) => new(term, true, g0, g1, null, null);

    public static CharacterTerm WholeEncoding(string term, Encoding encoding) => new(term, false, null, null, encoding, null);

    public override string ToString() => DefinedTerm;
}
