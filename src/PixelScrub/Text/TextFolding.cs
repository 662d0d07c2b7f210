namespace PixelScrub.Text;

/// <summary>
/// The character classes the PHI judge compares in. Text is upper-cased, accents are dropped (É is E), and the
/// characters OCR confuses most fold to one class, so a confusion costs nothing: O/0 -> '0'; I, L, 1, '|', '!' -> '1';
/// S/5 -> '5'; B/8 -> '8'. Everything that is not a letter or digit is a separator and is dropped from the
/// skeleton (so "DOE^JANE", "DOE, JANE" and a lost space all compare as "D0EJANE").
/// </summary>
internal static class TextFolding
{
    /// <summary>The upper-case base letter or digit of <paramref name="c"/>, or '\0' for a separator.</summary>
    public static char Upper(char c)
    {
        if (c < 0x80)
        {
            if (c >= 'a' && c <= 'z') return (char)(c - 32);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return c;
            return c is '|' or '!' ? '|' : '\0';
        }

        if (!char.IsLetterOrDigit(c)) return '\0';
        // Drop the accent of Latin-1 and Latin Extended-A letters (É -> E); the build runs with invariant
        // globalization, so this is a table rather than Unicode decomposition.
        char u = char.ToUpperInvariant(c);
        int at = Accented.IndexOf(u);
        return at >= 0 ? Plain[at] : u;
    }

    private const string Accented = "ÀÁÂÃÄÅĀĂĄÇĆĈĊČĎĐÈÉÊËĒĔĖĘĚĜĞĠĢĤĦÌÍÎÏĨĪĬĮİĴĶĹĻĽĿŁÑŃŅŇÒÓÔÕÖØŌŎŐŔŖŘŚŜŞŠŢŤŦÙÚÛÜŨŪŬŮŰŲŴÝŸŶŹŻŽ";
    private const string Plain = "AAAAAAAAACCCCCDDEEEEEEEEEGGGGHHIIIIIIIIIJKLLLLLNNNNOOOOOOOOORRRSSSSTTTUUUUUUUUUUWYYYZZZ";

    /// <summary>The folded class of an upper-cased character (see the type summary); '\0' stays '\0'.</summary>
    public static char Confusion(char u) => u switch
    {
        'O' => '0',
        'I' or 'L' or '|' => '1',
        'S' => '5',
        'B' => '8',
        _ => u,
    };

    /// <summary>Folds one character all the way: upper case, accent dropped, confusion class; '\0' for a separator.</summary>
    public static char Fold(char c)
    {
        char u = Upper(c);
        return u == '\0' ? '\0' : Confusion(u);
    }

    /// <summary>The skeleton of a value: its folded letters and digits, separators dropped.</summary>
    public static string Skeleton(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        int n = 0;
        foreach (char c in value)
        {
            char f = Fold(c);
            if (f != '\0') buffer[n++] = f;
        }

        return new string(buffer[..n]);
    }

    /// <summary>True when every character is a digit (after folding).</summary>
    public static bool IsNumeric(ReadOnlySpan<char> skeleton)
    {
        foreach (char c in skeleton)
        {
            if (c < '0' || c > '9') return false;
        }

        return skeleton.Length > 0;
    }
}
