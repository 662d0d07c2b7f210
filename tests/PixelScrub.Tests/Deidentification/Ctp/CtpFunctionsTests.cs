using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Deidentification.Ctp;

namespace PixelScrub.Tests.Deidentification.Ctp;

/// <summary>
/// Every CTP function the shared scripts use, against values worked out from the documented algorithms
/// (../shared/reference/ctp-anonymizer-semantics.md): MD5 of the UTF-8 text as an unsigned decimal. The expected values
/// were computed with Python's hashlib and datetime, and the test recomputes the decimal MD5 itself.
/// </summary>
public sealed class CtpFunctionsTests
{
    private static string Md5Decimal(string s) =>
        new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(s)), isUnsigned: true, isBigEndian: true).ToString();

    [Fact]
    public void Hash_of_empty_text_is_the_value_CTP_wrote_for_an_empty_AccessionNumber()
    {
        // Observed by running CTP (semantics note): empty AccessionNumber with @hash(this,16) became 2819497684894126.
        Assert.Equal("2819497684894126", CtpFunctions.Hash("", 16));
        Assert.Equal(Md5Decimal(""), CtpFunctions.Hash(""));
        Assert.Equal(Md5Decimal("x"), CtpFunctions.Hash("x", 0)); // a length below 1 means all digits
    }

    [Fact]
    public void Hash_keeps_the_first_digits()
    {
        Assert.Equal("2747488765", CtpFunctions.Hash("CompressedSamples^CT1", 10));
        Assert.Equal(Md5Decimal("CompressedSamples^CT1")[..10], CtpFunctions.Hash("CompressedSamples^CT1", 10));
    }

    [Fact]
    public void Hashuid_is_root_dot_decimal_md5_cut_to_64()
    {
        Assert.Equal("9999.200770339162260353221523252971326212871",
            CtpFunctions.HashUid("9999", "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322"));
        Assert.Equal("1.2.3." + Md5Decimal("1.2"), CtpFunctions.HashUid("1.2.3.", "1.2"));
        var longRoot = "1.3.6.1.4.1.14519.5.2.1.9999.9999";
        var uid = CtpFunctions.HashUid(longRoot, "1.2.840.1");
        Assert.Equal(64, uid.Length);
        Assert.Equal((longRoot + "." + Md5Decimal("1.2.840.1"))[..64], uid);
    }

    [Fact]
    public void Hashdate_increment_is_minus_the_last_four_digits_mod_3650()
    {
        Assert.Equal(-2604, CtpFunctions.HashDateIncrement("1CT1"));
        var d = Md5Decimal("1CT1");
        Assert.Equal(-(long.Parse(d[^4..]) % 3650), CtpFunctions.HashDateIncrement("1CT1"));
    }

    [Theory]
    [InlineData("20040119", -2604, "19961202")]
    [InlineData("20040119", -137, "20030904")]
    [InlineData("20000228", 1, "20000229")]
    [InlineData("20040119120000.5", -137, "20030904120000.5")] // a DT keeps its time
    [InlineData("2004-01-19", 1, "2004-01-20")] // ISO dates keep their dashes
    [InlineData("00040119", 0, "19040119")] // years starting 00 are read as 19xx
    public void Incrementdate_adds_days(string date, long days, string expected)
    {
        Assert.True(CtpFunctions.TryIncrementDate(date, days, out var result));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("2004011")]
    [InlineData("2004AB19")]
    [InlineData("20041319")]
    public void Incrementdate_refuses_what_is_not_a_date(string date) => Assert.False(CtpFunctions.TryIncrementDate(date, 1, out _));

    [Fact]
    public void Hashname_hashes_the_first_words_upper_case_without_blanks_and_punctuation()
    {
        Assert.Equal("767339", CtpFunctions.HashName("Doe^John^Q", 6, 2));
        Assert.Equal(CtpFunctions.Hash("OBRIENJOHNQ", 8), CtpFunctions.HashName("o'brien^john^q.", 8, 0));
    }

    [Fact]
    public void Hashptid_hashes_site_in_brackets_then_id() =>
        Assert.Equal("211920417833200397464862118986654696091", CtpFunctions.HashPtId(" 99 ", "ABC "));

    [Fact]
    public void Initials_moves_the_last_name_to_the_end()
    {
        Assert.Equal("JQD", CtpFunctions.Initials("Doe^John^Quincy"));
        Assert.Equal("X", CtpFunctions.Initials("  "));
    }

    [Fact]
    public void Round_bins_ages_and_keeps_even_length() => Assert.Equal("025Y", CtpFunctions.Round("027Y", 5));

    [Fact]
    public void Modifydate_sets_fields() => Assert.True(CtpFunctions.TryModifyDate("20040119", -1, 7, 1, out var r) && r == "20040701");
}
