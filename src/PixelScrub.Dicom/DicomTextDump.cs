using System.Text;

namespace PixelScrub.Dicom;

/// <summary>A readable tree of a dataset, one element a line, items indented (in the manner of dcmdump).</summary>
public static class DicomTextDump
{
    public static void Write(DicomFile file, TextWriter output, int maxValueChars = 64)
    {
        output.WriteLine($"# File: {file.Path ?? "(stream)"}");
        output.WriteLine($"# Transfer syntax: {file.TransferSyntax}{(file.TransferSyntaxDetected ? " (detected)" : "")}");
        if (file.Meta.Count > 0)
        {
            output.WriteLine("# File meta information");
            WriteDataset(file.Meta, output, 0, maxValueChars);
        }

        output.WriteLine("# Dataset");
        WriteDataset(file.Dataset, output, 0, maxValueChars);
        if (file.PixelDataInfo is { } p)
        {
            output.WriteLine($"{p.Tag} {p.VR.Code} {(p.IsEncapsulated ? "encapsulated" : $"{p.Length} bytes")} at offset {p.ElementOffset} (not read: header only)");
        }

        foreach (var w in file.Warnings) output.WriteLine($"# warning: {w}");
    }

    private static void WriteDataset(DicomDataset ds, TextWriter output, int depth, int max)
    {
        var indent = new string(' ', depth * 2);
        foreach (var e in ds)
        {
            string keyword = DicomDictionary.KeywordOf(e.Tag) ?? (e.Tag.IsPrivateCreator ? "PrivateCreator" : e.Tag.IsPrivate ? "Private" : "Unknown");
            switch (e)
            {
                case DicomSequence seq:
                    output.WriteLine($"{indent}{e.Tag} {e.VR.Code} {keyword}: {seq.Items.Count} item(s)");
                    for (int i = 0; i < seq.Items.Count; i++)
                    {
                        output.WriteLine($"{indent}  > item {i + 1}");
                        WriteDataset(seq.Items[i], output, depth + 2, max);
                    }

                    break;
                case DicomFragments frag:
                    output.WriteLine($"{indent}{e.Tag} {e.VR.Code} {keyword}: encapsulated, offset table {frag.OffsetTable.Length} bytes, {frag.Fragments.Count} fragment(s)");
                    break;
                default:
                    output.WriteLine($"{indent}{e.Tag} {e.VR.Code} {keyword}: {Describe(ds, e, max)}");
                    break;
            }
        }
    }

    private static string Describe(DicomDataset ds, DicomElement e, int max)
    {
        if (e.VR.Kind == VRKind.Bulk) return $"({e.Value.Length} bytes)";
        var values = ds.ValuesOf(e);
        if (values.Length == 0) return "(empty)";
        var text = new StringBuilder("[").Append(string.Join('\\', values)).Append(']').ToString();
        return text.Length > max ? text[..max] + "...]" : text;
    }
}
