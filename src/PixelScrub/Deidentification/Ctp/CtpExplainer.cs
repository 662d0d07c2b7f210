using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// `header show` for a CTP script: parameters, switches, the action per scripted attribute, and the PHI-bearing
/// attributes of PS3.15 Table E.1-1 the script leaves untouched (not scripted, kept, or inside sequences it keeps whole).
/// </summary>
internal static class CtpExplainer
{
    public static HeaderExplanation Explain(CtpAnonymizerScript script, string name, IReadOnlyDictionary<string, string> parameters)
    {
        var ps = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new HeaderActionLine("@" + p.Key, p.Value)).ToList();
        var actions = new List<HeaderActionLine>();
        if (script.RemovePrivateGroups) actions.Add(new("private groups", "remove", "unless scripted" + (script.KeepSafePrivateElements ? "; private creators kept" : "")));
        if (script.RemoveUnspecifiedElements) actions.Add(new("unscripted elements", "remove", KeptText(script)));
        if (script.RemoveOverlays) actions.Add(new("overlays (60xx)", "remove", "scripted or not"));
        if (script.RemoveCurves) actions.Add(new("curves (50xx)", "not kept against 'remove unspecified'", null));
        foreach (var rule in script.Elements.Values.OrderBy(r => r.Tag.Value))
        {
            actions.Add(new HeaderActionLine(Attribute(rule.Tag, rule.Name), Classify(rule), rule.Text));
        }

        var notes = new List<string>
        {
            "the file meta group is rebuilt from the de-identified dataset (group 0002 scripts are not run, as in CTP)",
            "only the top level is walked: a sequence without @process() is kept whole (UIDs, names and dates inside it stay) or removed whole",
            "elements after the pixel data are acted on only by scripts starting @remove()",
        };
        if (!script.RemovePrivateGroups) notes.Add("private groups are kept unless scripted: private elements can carry PHI");
        foreach (var (tagValue, attrName, basic) in Ps315Attributes.All)
        {
            if (basic is "K" or "" || (tagValue >> 16) is 0x0000 or 0x0002 or 0x0004) continue; // command, meta (rebuilt), DICOMDIR groups
            var tag = new DicomTag(tagValue);
            var rule = script.RuleFor(tag);
            bool isSequence = DicomDictionary.TryGetEntry(tag, out var entry) && entry.DefaultVR == DicomVR.SQ;
            if (rule is null)
            {
                if (script.RemoveUnspecifiedElements && !script.KeepGroups.Contains(tag.Group) && tag.Group is not (0x0028 or 0x7FE0) &&
                    tagValue is not (0x00080016 or 0x00080018 or 0x0020000D)) continue;
                notes.Add($"{tag} {attrName}: PS3.15 Basic Profile says {basic}; this script leaves it untouched{(isSequence ? " (with everything inside it)" : "")}");
            }
            else if (rule.Text == "@keep()")
            {
                notes.Add($"{tag} {attrName}: PS3.15 Basic Profile says {basic}; this script keeps it{(isSequence ? " whole (its items are not processed)" : "")}");
            }
            else if (isSequence && !rule.Text.Contains("@process()", StringComparison.Ordinal) && !rule.Text.Contains("@remove()", StringComparison.Ordinal))
            {
                notes.Add($"{tag} {attrName}: a sequence the script does not @process(): the attributes inside it are not de-identified");
            }
        }

        return new HeaderExplanation(name, ps, actions, notes);
    }

    private static string KeptText(CtpAnonymizerScript s)
    {
        var kept = s.KeepGroups.OrderBy(g => g).Select(g => $"group {g:X4}").ToList();
        kept.Add("0008,0016/0018, 0020,000D, groups 0028 and 7FE0");
        return "except " + string.Join(", ", kept);
    }

    private static string Attribute(DicomTag tag, string scriptName)
    {
        var keyword = DicomDictionary.KeywordOf(tag);
        return $"{tag} {keyword ?? (scriptName.Length > 0 ? scriptName : "(private or unknown)")}";
    }

    private static string Classify(CtpElementRule rule)
    {
        var t = rule.Text;
        if (rule.StartsWithRemove || t == "@remove()") return "remove";
        if (t == "@keep()") return "keep";
        if (t.Length == 0 || t == "@empty()") return "empty";
        if (t.Contains("@process()", StringComparison.Ordinal)) return rule.Always ? "process items (insert when missing)" : "process items";
        if (rule.Tag == DeidentificationMarks.DeidentificationMethodCodeSequence) return "add code items (insert when missing)";
        if (t.Contains("@require()", StringComparison.Ordinal)) return rule.Always ? "require (insert empty when missing)" : "keep (require)";
        return rule.Always ? "replace (insert when missing)" : "replace";
    }
}
