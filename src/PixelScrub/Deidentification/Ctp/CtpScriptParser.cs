using System.Globalization;
using System.Xml;
using PixelScrub.Dicom;
using PixelScrub.Rules;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// Reads a CTP DicomAnonymizer script (`&lt;script&gt;` with `&lt;p&gt;`, `&lt;e&gt;`, `&lt;k&gt;`, `&lt;r&gt;`; other
/// children ignored, as CTP does). `&lt;p&gt;` text is not trimmed, `&lt;e&gt;` text is; `en="F"` entries are ignored.
/// Every problem is reported with file:line:column; functions CTP has that PixelScrub does not run are errors, so a
/// script never silently does less than it says.
/// </summary>
internal static class CtpScriptParser
{
    /// <summary>Functions PixelScrub evaluates.</summary>
    internal static readonly HashSet<string> Known =
    [
        "always", "append", "contents", "date", "hash", "hashdate", "hashname", "hashptid", "hashuid", "if", "incrementdate",
        "initials", "lookup", "lowercase", "modifydate", "param", "pathelement", "process", "quarantine", "require", "round",
        "select", "skip", "time", "truncate", "uppercase", "value",
    ];

    /// <summary>Markers CTP reads from the result (copied through by evaluation).</summary>
    internal static readonly HashSet<string> Markers = ["keep", "remove", "empty", "blank"];

    /// <summary>CTP functions PixelScrub does not run (keys, plug-ins and tables of CTP's own).</summary>
    internal static readonly HashSet<string> Unsupported = ["encrypt", "decrypt", "integer", "dateinterval", "call"];

    public static CtpAnonymizerScript Parse(string path, string text, List<RuleDiagnostic> diagnostics)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var elements = new Dictionary<uint, CtpElementRule>();
        var keepGroups = new HashSet<ushort>();
        bool kspe = false, rpg = false, rue = false, rol = false, rc = false;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var info = (IXmlLineInfo)reader;
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "script")
            {
                diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, info.LineNumber, info.LinePosition, "a CTP anonymizer script starts with <script>"));
                return Empty(path);
            }

            if (reader.IsEmptyElement) return Empty(path);
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.Name;
                int line = info.LineNumber, column = info.LinePosition;
                var en = reader.GetAttribute("en");
                var t = reader.GetAttribute("t") ?? "";
                var n = reader.GetAttribute("n") ?? "";
                bool enabled = en is null || en == "T";
                int textLine = line, textColumn = column;
                string content = "";
                if (!reader.IsEmptyElement)
                {
                    reader.Read();
                    if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                    {
                        textLine = info.LineNumber;
                        textColumn = info.LinePosition;
                    }

                    var sb = new System.Text.StringBuilder();
                    while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1))
                    {
                        if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace) sb.Append(reader.Value);
                        else if (reader.NodeType == XmlNodeType.Element)
                        {
                            diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, info.LineNumber, info.LinePosition, $"<{name}> holds text only, not <{reader.Name}>"));
                        }

                        if (!reader.Read()) break;
                    }

                    content = sb.ToString();
                }

                reader.Read();
                switch (name)
                {
                    case "p":
                        if (t.Length == 0) diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, line, column, "<p> needs a name in t=\"...\""));
                        else parameters[t] = content;
                        break;
                    case "e":
                        if (!enabled) break;
                        if (t.Length != 8 || !uint.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tagValue))
                        {
                            diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, line, column, $"<e t=\"{t}\">: expected a tag as 8 hex digits (ggggeeee)"));
                            break;
                        }

                        // CTP trims the text; positions count from the first character kept.
                        int lead = content.Length - content.TrimStart().Length;
                        var (codeLine, codeColumn) = Advance(content, lead, textLine, textColumn);
                        var code = content.Trim();
                        var nodes = CtpCodeParser.Parse(code, path, codeLine, codeColumn, diagnostics);
                        CheckFunctions(nodes, path, diagnostics);
                        var tag = new DicomTag(tagValue);
                        if (!elements.TryAdd(tag.Value, new CtpElementRule(tag, n, code, nodes, codeLine, codeColumn)))
                        {
                            diagnostics.Add(new RuleDiagnostic(RuleSeverity.Warning, path, line, column, $"{tag} is scripted twice; the first one counts"));
                        }

                        break;
                    case "k":
                        if (!enabled) break;
                        if (t == "safeprivateelements") kspe = true;
                        else if (t.Length == 4 && ushort.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g)) keepGroups.Add(g);
                        else diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, line, column, $"<k t=\"{t}\">: expected a group (4 hex digits) or safeprivateelements"));
                        break;
                    case "r":
                        if (!enabled) break;
                        switch (t)
                        {
                            case "privategroups": rpg = true; break;
                            case "unspecifiedelements": rue = true; break;
                            case "overlays": rol = true; break;
                            case "curves": rc = true; break;
                            default:
                                diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, line, column, $"<r t=\"{t}\">: expected privategroups, unspecifiedelements, overlays or curves"));
                                break;
                        }

                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition), $"not well-formed XML: {FirstSentence(ex.Message)}"));
        }

        return new CtpAnonymizerScript
        {
            Path = path,
            Parameters = parameters,
            Elements = elements,
            KeepGroups = keepGroups,
            KeepSafePrivateElements = kspe,
            RemovePrivateGroups = rpg,
            RemoveUnspecifiedElements = rue,
            RemoveOverlays = rol,
            RemoveCurves = rc,
        };
    }

    private static CtpAnonymizerScript Empty(string path) => new()
    {
        Path = path, Parameters = new Dictionary<string, string>(), Elements = new Dictionary<uint, CtpElementRule>(), KeepGroups = new HashSet<ushort>(),
    };

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd();
    }

    private static (int Line, int Column) Advance(string text, int count, int line, int column)
    {
        for (int i = 0; i < count; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private static void CheckFunctions(IReadOnlyList<CtpNode> nodes, string path, List<RuleDiagnostic> diagnostics)
    {
        foreach (var node in nodes)
        {
            if (node is not CtpCall call) continue;
            if (Unsupported.Contains(call.Name))
            {
                diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, call.Line, call.Column, $"@{call.Name} is a CTP function PixelScrub does not run"));
            }
            else if (!Known.Contains(call.Name) && !Markers.Contains(call.Name))
            {
                diagnostics.Add(new RuleDiagnostic(RuleSeverity.Warning, path, call.Line, call.Column, $"unknown function @{call.Name}: copied into the value as text (as CTP does)"));
            }
            else if (call.Name == "initials" && call.Args.Count > 1)
            {
                diagnostics.Add(new RuleDiagnostic(RuleSeverity.Error, path, call.Line, call.Column, "@initials with a cipher offset is not supported"));
            }

            if (call.TrueCode is not null) CheckFunctions(call.TrueCode, path, diagnostics);
            if (call.FalseCode is not null) CheckFunctions(call.FalseCode, path, diagnostics);
        }
    }
}
