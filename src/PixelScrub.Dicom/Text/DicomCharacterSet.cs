using System.Buffers;
using System.Text;

namespace PixelScrub.Dicom.Text;

/// <summary>
/// The character set of a dataset's text, from Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2,
/// PS3.5 6.1). Parsing never throws: unknown or misspelt terms fall back to what can be read, with a warning.
/// Decoding never throws either: bytes that no listed set explains become U+FFFD (or, outside the default
/// repertoire with no G1 set, are read as ISO 8859-1) and are named in an optional problem list.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class DicomCharacterSet
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly Encoding? _whole;
    private readonly CharacterTerm? _wholeTerm;

    private DicomCharacterSet(
        string[] terms, List<string> warnings, bool codeExtensions, GraphicSet initialG0, GraphicSet? initialG1,
        GraphicSet[] sets, CharacterTerm? wholeTerm)
    {
        Terms = terms;
        Warnings = warnings;
        CodeExtensions = codeExtensions;
        InitialG0 = initialG0;
        InitialG1 = initialG1;
        Sets = sets;
        _wholeTerm = wholeTerm;
        _whole = wholeTerm?.Whole;
    }

    /// <summary>The default repertoire (ISO-IR 6): no (0008,0005), or an empty value 1 alone.</summary>
    public static DicomCharacterSet Default { get; } =
        new([], [], false, GraphicSet.Ascii, null, [GraphicSet.Ascii], null);

    /// <summary>The values of (0008,0005) as given (trimmed of padding).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>What was unknown, misspelt or not allowed in the terms, and how it was read instead.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when values may switch sets with ISO 2022 escape sequences (PS3.5 6.1.2.5).</summary>
    public bool CodeExtensions { get; }

    /// <summary>True for the default repertoire.</summary>
    public bool IsDefault => _whole is null && !CodeExtensions && InitialG1 is null && InitialG0 == GraphicSet.Ascii;

    internal GraphicSet InitialG0 { get; }

    internal GraphicSet? InitialG1 { get; }

    /// <summary>The sets the terms list: the initial ones first, then the others in the order of the terms.</summary>
    internal GraphicSet[] Sets { get; }

    /// <summary>Reads the raw value of (0008,0005): values separated by <c>\</c>, padded with spaces.</summary>
    public static DicomCharacterSet Parse(ReadOnlySpan<byte> rawValue)
    {
        var values = new List<string>();
        while (true)
        {
            int cut = rawValue.IndexOf((byte)'\\');
            var part = cut < 0 ? rawValue : rawValue[..cut];
            values.Add(Encoding.Latin1.GetString(part));
            if (cut < 0) break;
            rawValue = rawValue[(cut + 1)..];
        }

        return Parse(values);
    }

    /// <summary>Reads the values of (0008,0005); null or empty means the default repertoire.</summary>
    public static DicomCharacterSet Parse(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0) return Default;
        var terms = new string[values.Count];
        for (int i = 0; i < terms.Length; i++) terms[i] = values[i].Trim(' ', '\0');
        if (Array.TrueForAll(terms, t => t.Length == 0)) return Default;

        var warnings = new List<string>();
        var resolved = new List<CharacterTerm?>(terms.Length);
        for (int i = 0; i < terms.Length; i++)
        {
            string value = terms[i];
            if (value.Length == 0)
            {
                // An empty value 1 means the default repertoire (with code extensions: ISO 2022 IR 6).
                if (i == 0) resolved.Add(null);
                else warnings.Add($"value {i + 1} of Specific Character Set is empty; ignored");
                continue;
            }

            var term = CharacterTerms.Find(value, out bool exact);
            if (term is null)
            {
                warnings.Add(i == 0
                    ? $"unknown Specific Character Set term '{value}'; read as the default repertoire"
                    : $"unknown Specific Character Set term '{value}'; ignored");
                if (i == 0) resolved.Add(null);
                continue;
            }

            if (!exact) warnings.Add($"Specific Character Set '{value}' is not a defined term; read as '{term.DefinedTerm}'");
            resolved.Add(term);
        }

        foreach (var term in resolved)
        {
            if (term?.Whole is null) continue;
            // ISO_IR 192, GB18030 and GBK exclude code extensions (PS3.3 C.12.1.1.2): only that term counts.
            if (terms.Length > 1) warnings.Add($"'{term.DefinedTerm}' allows no other values in Specific Character Set; only it is used");
            return new DicomCharacterSet(terms, warnings, false, GraphicSet.Ascii, null, [GraphicSet.Ascii], term);
        }

        bool codeExtensions = terms.Length > 1 || resolved.Exists(t => t is { CodeExtensions: true });
        var first = resolved.Count > 0 && terms[0].Length > 0 ? resolved[0] : null;
        if (!codeExtensions)
        {
            if (first is null) return new DicomCharacterSet(terms, warnings, false, GraphicSet.Ascii, null, [GraphicSet.Ascii], null);
            GraphicSet[] own = first.G1 is null ? [first.G0!] : [first.G0!, first.G1];
            return new DicomCharacterSet(terms, warnings, false, first.G0!, first.G1, own, null);
        }

        for (int i = 0; i < resolved.Count; i++)
        {
            var term = resolved[i];
            if (term is null || term.CodeExtensions || term.Iso2022Form is null) continue;
            // With several values every term must be an ISO 2022 one (PS3.3 C.12.1.1.2); read the plain form as it.
            warnings.Add($"'{term.DefinedTerm}' used with code extensions; read as '{term.Iso2022Form}'");
            resolved[i] = CharacterTerms.Find(term.Iso2022Form, out _);
        }

        first = resolved.Count > 0 && terms[0].Length > 0 ? resolved[0] : null;
        GraphicSet initialG0 = GraphicSet.Ascii;
        GraphicSet? initialG1 = null;
        if (first is not null)
        {
            if (first.G0 is { IsDoubleByte: true })
            {
                warnings.Add($"value 1 of Specific Character Set '{first.DefinedTerm}' is a multi-byte G0 set; the initial G0 set is ISO-IR 6");
            }
            else if (first.G0 is not null)
            {
                initialG0 = first.G0;
            }

            initialG1 = first.G1;
        }

        var sets = new List<GraphicSet> { initialG0 };
        if (initialG1 is not null) sets.Add(initialG1);
        foreach (var term in resolved)
        {
            if (term?.G0 is { } g0 && !sets.Contains(g0)) sets.Add(g0);
            if (term?.G1 is { } g1 && !sets.Contains(g1)) sets.Add(g1);
        }

        return new DicomCharacterSet(terms, warnings, true, initialG0, initialG1, sets.ToArray(), null);
    }

    /// <summary>The kind of text a VR holds when its value is affected by Specific Character Set (SH, LO, UC, PN,
    /// ST, LT, UT; PS3.5 6.1.2.3); false for VRs that use only the default repertoire.</summary>
    public static bool TryGetTextKind(ReadOnlySpan<char> vr, out TextKind kind)
    {
        kind = TextKind.MultiValued;
        switch (vr)
        {
            case "SH" or "LO" or "UC":
                return true;
            case "PN":
                kind = TextKind.PersonName;
                return true;
            case "ST" or "LT" or "UT":
                kind = TextKind.Text;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Decodes a whole element value (all its values, with the delimiters kept as characters).</summary>
    public string Decode(ReadOnlySpan<byte> value, TextKind kind) => Decode(value, kind, null);

    /// <summary>Decodes a whole element value, adding what could not be read cleanly to <paramref name="problems"/>.</summary>
    public string Decode(ReadOnlySpan<byte> value, TextKind kind, ICollection<string>? problems)
    {
        if (_whole is not null)
        {
            var text = _whole.GetString(value);
            switch (_whole.CodePage)
            {
                case 54936:
                    text = Gb18030Revision.Decoded(text);
                    break;
                case 936 when text.AsSpan().IndexOfAnyInRange('\uE000', '\uF8FF') >= 0:
                    // GBK proper leaves the user-defined areas that code page 936 maps to private use undefined.
                    text = ReplacePrivateUse(text);
                    break;
            }

            if (text.Contains('\uFFFD') && (_whole.CodePage != 65001 || !System.Text.Unicode.Utf8.IsValid(value)))
            {
                Iso2022Decoder.Report(problems, $"bytes that are not valid {_wholeTerm!.DefinedTerm} were replaced by U+FFFD");
            }

            return text;
        }

        // Plain ASCII without escapes reads the same in every set whose G0 is ISO-IR 6.
        if (InitialG0 == GraphicSet.Ascii && System.Text.Ascii.IsValid(value) && value.IndexOf((byte)0x1B) < 0)
        {
            return Encoding.Latin1.GetString(value);
        }

        // A single-byte set without code extensions (ISO_IR 100 and the like): one table lookup per byte.
        if (!CodeExtensions && InitialG0 == GraphicSet.Ascii && InitialG1 is { Kind: GraphicSetKind.SingleByte } g1
            && value.IndexOf((byte)0x1B) < 0)
        {
            return DecodeSingleByte(value, g1, problems);
        }

        return Iso2022Decoder.Decode(this, value, kind, problems);
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static string DecodeSingleByte(ReadOnlySpan<byte> value, GraphicSet g1, ICollection<string>? problems)
    {
        var high = g1.HighTable;
        char[]? rented = null;
        Span<char> chars = value.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            chars[i] = b < 0x80 ? (char)b : high[b - 0x80];
        }

        var text = new string(chars[..value.Length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        if (problems is not null && text.Contains('\uFFFD'))
        {
            Iso2022Decoder.Report(problems, $"bytes with no character in {g1.Name} were replaced by U+FFFD");
        }

        return text;
    }

    /// <summary>
    /// Encodes text in this character set, without padding. With code extensions, escape sequences designate the
    /// listed sets as needed and the initial sets are designated again before each delimiter and at the end.
    /// False (with <paramref name="bytes"/> empty) when a character cannot be written in the listed sets.
    /// </summary>
    public bool TryEncode(string value, TextKind kind, out byte[] bytes) => TryEncode(value, kind, out bytes, out _);

    /// <summary>Encodes text, or throws <see cref="UnsupportedInputException"/> naming the character that does not fit.</summary>
    public byte[] Encode(string value, TextKind kind) =>
        TryEncode(value, kind, out var bytes, out var failure) ? bytes : throw new UnsupportedInputException(failure!);

    private bool TryEncode(string value, TextKind kind, out byte[] bytes, out string? failure)
    {
        if (_whole is not null)
        {
            try
            {
                bytes = _whole.CodePage switch
                {
                    65001 => StrictUtf8.GetBytes(value),
                    54936 => _whole.GetBytes(Gb18030Revision.ForEncoding(value)),
                    _ => _whole.GetBytes(value),
                };
                failure = null;
                return true;
            }
            catch (EncoderFallbackException e)
            {
                bytes = [];
                failure = $"character at index {e.Index} cannot be written in Specific Character Set '{this}'";
                return false;
            }
        }

        return Iso2022Encoder.TryEncode(this, value, kind, out bytes, out failure);
    }

    private static string ReplacePrivateUse(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= '\uE000' and <= '\uF8FF' ? '\uFFFD' : c;
            }
        });

    /// <summary>True when a term lists the set (ISO-IR 6 is always available to return to).</summary>
    internal bool Lists(GraphicSet set) => set == GraphicSet.Ascii || Array.IndexOf(Sets, set) >= 0;

    public override string ToString() => Terms.Count == 0 ? "(default repertoire)" : string.Join('\\', Terms);
}
