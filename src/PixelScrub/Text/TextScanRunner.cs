using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Text;

/// <summary>`scan` for one file: header, triage, then every frame and overlay read and judged. Writes nothing.</summary>
internal static class TextScanRunner
{
    public static FileTextScan Scan(string path, TextService text, RuleSet rules, TextTriage triage)
    {
        try
        {
            using var file = DicomFile.Open(path, DicomReadOptions.Header);
            var detection = rules.Detect(file);
            var why = triage.Select(file.Dataset, detection);
            if (why is null) return new FileTextScan(path, false, "not selected by triage", 0, []);
            var (scan, findings) = text.Read(file, file.Dataset);
            return new FileTextScan(path, true, why, scan.FramesRead, findings.Select(TextFindingRow.From).ToArray(),
                scan.Notes.Count > 0 ? string.Join("; ", scan.Notes) : null);
        }
        catch (DicomFormatException e) when (e.NotDicom)
        {
            return new FileTextScan(path, false, "not DICOM", 0, [], "not a DICOM file");
        }
        catch (PixelScrubException e)
        {
            return new FileTextScan(path, false, "cannot be read", 0, [], e.Message);
        }
        catch (IOException e)
        {
            return new FileTextScan(path, false, "cannot be read", 0, [], e.Message);
        }
    }
}
