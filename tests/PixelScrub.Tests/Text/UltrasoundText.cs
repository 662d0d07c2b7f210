using System.Text.RegularExpressions;
using System.IO.Compression;
using PixelScrub.Tests.Support;

namespace PixelScrub.Tests.Text;

/// <summary>
/// The real ultrasounds of the corpus (deid-data: a Philips-style greyscale image, a Siemens RGB image, a 27-frame cine
/// taken out of its zip) and what the `tesseract` command reads from their original pixels: patient name, ID, dates
/// and institution, as printed on each image (the printed ID is not the header's).
/// </summary>
internal static partial class UltrasoundText
{
    /// <summary>What a line that must not be dropped unread can show: a run of four digits, or a date or time.</summary>
    [GeneratedRegex(@"\d{4}|\d{1,2}[/.:-]\d{1,2}")]
    public static partial Regex DigitsOrDate();

    public static readonly (string File, string[] Phi)[] Files =
    [
        ("GREYSCALE_IMAGE.dcm", ["PATIENTFI", "00079241539", "08/29/1951", "03/02/2017", "CLEVELAN"]),
        ("RGB_IMAGE.dcm", ["DOWNTIME", "MARY", "00047431395", "4/14/2020", "120907058", "CLEVELAND"]),
        ("GREYSCALE_CINE.dcm", ["PATIENTFI", "00079241539", "08/29/1951", "03/02/2017", "CLEVELA"]),
    ];

    /// <summary>Copies the three files into a fresh folder (the cine extracted from its zip).</summary>
    public static string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        string source = SharedFiles.Corpus("deid-data/ultrasounds");
        File.Copy(Path.Combine(source, "GREYSCALE_IMAGE.dcm"), Path.Combine(folder, "GREYSCALE_IMAGE.dcm"));
        File.Copy(Path.Combine(source, "RGB_IMAGE.dcm"), Path.Combine(folder, "RGB_IMAGE.dcm"));
        ZipFile.ExtractToDirectory(Path.Combine(source, "GREYSCALE_CINE.zip"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "GREYSCALE_CINE.dcm")), "the cine zip holds GREYSCALE_CINE.dcm");
        return folder;
    }
}
