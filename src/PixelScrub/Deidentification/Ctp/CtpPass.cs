using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Ctp;

/// <summary>
/// One file through a CTP script (CTP's DICOMAnonymizer pass, ../shared/reference/ctp-anonymizer-semantics.md): functions
/// read the original header, results go to the output dataset; the top level is walked, sequences only under @process().
/// Deliberate difference: an element read as VR UN gets its new value (stored with the dictionary VR) or the file is
/// quarantined; CTP leaves the original value there.
/// </summary>
internal sealed class CtpPass
{
    private static readonly DicomTag CodeSequence = DeidentificationMarks.DeidentificationMethodCodeSequence;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly CtpAnonymizerScript _script;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly CtpLookupTable? _lookup;
    private readonly DicomDataset _rootIn;
    private DicomDataset _in;
    private DicomDataset _out;
    private bool _atRoot = true;

    public int Removed { get; private set; }
    public int Emptied { get; private set; }
    public int Replaced { get; private set; }
    public int Added { get; private set; }

    public CtpPass(CtpAnonymizerScript script, IReadOnlyDictionary<string, string> parameters, CtpLookupTable? lookup, DicomDataset original, DicomDataset output)
    {
        _script = script;
        _parameters = parameters;
        _lookup = lookup;
        _rootIn = _in = original;
        _out = output;
    }

    /// <summary>Runs the script; null when done, else the quarantine reason (naming the element).</summary>
    public string? Run()
    {
        try
        {
            if (!_out.Contains(DicomTag.SpecificCharacterSet))
            {
                // CTP adds ISO_IR 100 when the file has no Specific Character Set (observed on ASCII files too).
                _out.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
                Added++;
            }

            Insert();
            ProcessItem();
            return null;
        }
        catch (ElementFailure f)
        {
            return f.Message;
        }
    }

    /// <summary>Elements the script names that the file lacks: only @always() scripts insert (and (0012,0064), always).</summary>
    private void Insert()
    {
        foreach (var rule in _script.Elements.Values.OrderBy(r => r.Tag.Value))
        {
            if (_in.Contains(rule.Tag) || rule.Tag.Group == 0x0002) continue;
            if (rule.Tag == CodeSequence)
            {
                ApplyCodeSequence(rule);
                continue;
            }

            if (!rule.Always) continue;
            bool isSequence = DicomDictionary.TryGetEntry(rule.Tag, out var entry) && entry.DefaultVR == DicomVR.SQ;
            if (isSequence)
            {
                if (rule.Text.Contains("@require()", StringComparison.Ordinal))
                {
                    _out.Set(new DicomSequence(rule.Tag, DicomVR.SQ, undefinedLength: true));
                    Added++;
                }

                continue;
            }

            var result = Evaluate(rule);
            if (result.Contains("@remove()", StringComparison.Ordinal) || result == "@keep()") continue;
            var value = Resolve(result);
            // VR from the dictionary, SH when unknown (CTP); private creators and data elements LO/LT as in Apply.
            var vr = rule.Tag.IsPrivate ? ValueEncoder.StorageVR(rule.Tag, null, value)
                : DicomDictionary.TryGetEntry(rule.Tag, out var e) && e.DefaultVR != DicomVR.UN ? e.DefaultVR : value.Length <= 16 ? DicomVR.SH : DicomVR.LO;
            Store(rule.Tag, vr, value);
            Added++;
        }
    }

    /// <summary>Walks the current input item (CTP's processElements): first matching branch wins per element.</summary>
    private void ProcessItem()
    {
        foreach (var e in _in.ToList())
        {
            var tag = e.Tag;
            if (tag.Group == 0x0002) continue;
            var rule = _script.RuleFor(tag);
            bool kept = IsKept(tag);
            bool afterPixels = _atRoot && tag.Value > DicomTag.PixelData.Value;
            if (_script.RemovePrivateGroups && tag.IsPrivate && rule is null && !kept) Remove(tag);
            else if (_script.RemoveUnspecifiedElements && rule is null && !kept) Remove(tag);
            else if (_script.RemoveOverlays && IsOverlay(tag)) Remove(tag);
            else if (rule is not null)
            {
                // Elements after the pixel data are streamed by CTP: only a script starting @remove() acts there.
                if (afterPixels)
                {
                    if (rule.StartsWithRemove) Remove(tag);
                }
                else if (tag == CodeSequence)
                {
                    ApplyCodeSequence(rule);
                }
                else
                {
                    Apply(rule, e);
                }
            }
        }
    }

    private bool IsKept(DicomTag tag)
    {
        if (_script.KeepGroups.Contains(tag.Group)) return true;
        // Safe private elements: CTP keeps those its PrivateTagIndex marks safe; PixelScrub has no such index, so under
        // kspe only the private creators stay (the data elements go, fail closed).
        if (_script.KeepSafePrivateElements && tag.IsPrivateCreator) return true;
        if (tag.Value is 0x00080016 or 0x00080018 or 0x0020000D) return true;
        if (tag.Group is 0x0002 or 0x0028 or 0x7FE0) return true;
        if (IsOverlay(tag) && !_script.RemoveOverlays) return true;
        if (IsCurve(tag) && !_script.RemoveCurves) return true;
        return false;
    }

    private static bool IsOverlay(DicomTag tag) => (tag.Group & 0xFF01) == 0x6000;
    private static bool IsCurve(DicomTag tag) => (tag.Group & 0xFF01) == 0x5000;

    private void Remove(DicomTag tag)
    {
        if (_out.Remove(tag)) Removed++;
    }

    private void Apply(CtpElementRule rule, DicomElement input)
    {
        var result = Evaluate(rule);
        if (result.Contains("@remove()", StringComparison.Ordinal))
        {
            Remove(rule.Tag);
            return;
        }

        if (result == "@keep()") return;
        var value = Resolve(result);
        if (input is DicomSequence)
        {
            if (value.Length != 0) throw new ElementFailure($"{ValueEncoder.Describe(rule.Tag)}: the script gives a sequence a text value");
            _out.Set(new DicomSequence(rule.Tag, input.VR == DicomVR.UN ? DicomVR.SQ : input.VR, undefinedLength: true));
            Emptied++;
            return;
        }

        var vr = ValueEncoder.StorageVR(rule.Tag, input.VR == DicomVR.UN ? null : input.VR, value);
        Store(rule.Tag, vr, value);
        if (value.Trim().Length == 0) Emptied++;
        else Replaced++;
    }

    /// <summary>The value a result stands for: @blank(n) n spaces (at most 55), @empty() removed from the text.</summary>
    private static string Resolve(string result)
    {
        if (result.StartsWith("@blank(", StringComparison.Ordinal))
        {
            int close = result.IndexOf(')');
            int n = close > 7 && int.TryParse(result.AsSpan(7, close - 7), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : 0;
            return new string(' ', Math.Clamp(n, 0, 55));
        }

        return result.Replace("@empty()", "", StringComparison.Ordinal);
    }

    private void Store(DicomTag tag, DicomVR vr, string value)
    {
        if (!ValueEncoder.TryEncode(_out, tag, vr, value, out var element, out var error)) throw new ElementFailure(error);
        _out.Set(element);
    }

    /// <summary>(0012,0064): `/`-separated codes appended as items; `reset` starts the sequence again.</summary>
    private void ApplyCodeSequence(CtpElementRule rule)
    {
        var result = Evaluate(rule);
        if (result.Contains("@remove()", StringComparison.Ordinal))
        {
            Remove(rule.Tag);
            return;
        }

        if (result == "@keep()") return;
        var sq = _out.Get(CodeSequence) as DicomSequence;
        bool added = sq is null;
        if (sq is null)
        {
            sq = new DicomSequence(CodeSequence, DicomVR.SQ, undefinedLength: true);
            _out.Set(sq);
        }

        foreach (var code in result.Split('/').Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            if (code.Equals("reset", StringComparison.OrdinalIgnoreCase)) sq.Items.Clear();
            else sq.Items.Add(DeidentificationMarks.CodeItem(_out, code));
        }

        _out.MarkModified();
        if (added) Added++;
        else Replaced++;
    }

    private string Evaluate(CtpElementRule rule)
    {
        try
        {
            return Evaluate(rule.Code, rule.Tag);
        }
        catch (CtpQuarantineSignal q)
        {
            throw new ElementFailure($"{ValueEncoder.Describe(rule.Tag)}: {q.Message}");
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ElementFailure($"{ValueEncoder.Describe(rule.Tag)}: a regular expression took too long");
        }
    }

    private string Evaluate(IReadOnlyList<CtpNode> code, DicomTag thisTag)
    {
        var sb = new StringBuilder();
        foreach (var node in code)
        {
            if (node is CtpText t) sb.Append(t.Text);
            else if (node is CtpCall c) sb.Append(Call(c, thisTag));
        }

        return sb.ToString();
    }

    // ---- element access -------------------------------------------------------------------------------------------

    /// <summary>The value of a named element in the input (values joined with `\`), "" when present and empty, null when missing.</summary>
    private string? Contents(string name, DicomTag thisTag)
    {
        if (!CtpNames.TryResolve(name, thisTag, _in, _rootIn, out var ds, out var tag)) return null;
        return ValueOf(ds, tag);
    }

    internal static string? ValueOf(DicomDataset ds, DicomTag tag)
    {
        var e = ds.Get(tag);
        if (e is null) return null;
        if (e is DicomSequence or DicomFragments) return "";
        if (e.VR == DicomVR.UN)
        {
            // Read as UN (implicit VR private or unknown): decode as text with the dictionary's VR, so the same UID or
            // ID gives the same result whether or not a file carried its VR.
            if (e.Value.Length > 1 << 16) return "";
            var vr = DicomDictionary.TryGetEntry(tag, out var entry) && entry.DefaultVR.IsString ? entry.DefaultVR : DicomVR.LO;
            return string.Join('\\', (vr.UsesCharacterSet ? ds.CharacterSet : DicomText.Default).DecodeValues(e.Value.GetBytes().Span, vr));
        }

        return string.Join('\\', ds.ValuesOf(e));
    }

    private string? Param(string arg)
    {
        if (arg.StartsWith('@') || arg.StartsWith('$')) return _parameters.TryGetValue(arg[1..], out var v) ? v : null;
        return arg;
    }

    private static string Unquote(string arg)
    {
        arg = arg.Trim();
        return arg.Length >= 2 && arg[0] == '"' && arg[^1] == '"' ? arg[1..^1] : arg;
    }

    private static int IntOr(string? text, int fallback) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    // ---- functions ------------------------------------------------------------------------------------------------

    private string Call(CtpCall c, DicomTag thisTag)
    {
        switch (c.Name)
        {
            case "always": return "";
            case "append": return Append(c, thisTag);
            case "contents": return ContentsFn(c, thisTag);
            case "value":
                var v = Contents(c.Arg(0), thisTag) ?? "";
                return v.Length != 0 ? v : Unquote(c.Arg(1));
            case "truncate": return Truncate(c, thisTag);
            case "lowercase": return (Contents(c.Arg(0), thisTag) ?? "").ToLowerInvariant();
            case "uppercase": return (Contents(c.Arg(0), thisTag) ?? "").ToUpperInvariant();
            case "initials": return CtpFunctions.Initials(Contents(c.Arg(0), thisTag));
            case "round":
                var age = Contents(c.Arg(0), thisTag);
                var width = IntOr(Param(c.Arg(1)), 0);
                try
                {
                    return width > 0 ? CtpFunctions.Round(age, width) : c.Source;
                }
                catch (FormatException)
                {
                    return c.Source[1..];
                }

            case "hash":
                var hv = Contents(c.Arg(0), thisTag);
                if (hv is null) return "@remove()";
                return CtpFunctions.Hash(hv, c.Args.Count > 1 ? IntOr(Param(c.Arg(1)), int.MaxValue) : int.MaxValue);
            case "hashname":
                return CtpFunctions.HashName(Contents(c.Arg(0), thisTag) ?? "", IntOr(Param(c.Arg(1)), 4), c.Args.Count > 2 ? IntOr(Param(c.Arg(2)), int.MaxValue) : int.MaxValue);
            case "hashptid":
                if (c.Args.Count < 2) return c.Source[1..];
                return CtpFunctions.HashPtId(Param(c.Arg(0)), Contents(c.Arg(1), thisTag) ?? "null", c.Args.Count > 2 ? IntOr(Param(c.Arg(2)), int.MaxValue) : int.MaxValue);
            case "hashuid": return HashUid(c, thisTag);
            case "hashdate": return HashDate(c, thisTag);
            case "incrementdate": return IncrementDate(c, thisTag);
            case "modifydate": return ModifyDate(c, thisTag);
            case "pathelement":
                var path = Contents(c.Arg(0), thisTag) ?? "";
                var parts = path.Split('/');
                int index = IntOr(c.Arg(1), 1000);
                if (index < 0) index += parts.Length;
                return index >= 0 && index < parts.Length ? parts[index] : path;
            case "date": return DateTime.Now.ToString($"yyyy'{Unquote(c.Arg(0))}'MM'{Unquote(c.Arg(0))}'dd", CultureInfo.InvariantCulture);
            case "time": return DateTime.Now.ToString($"HH'{Unquote(c.Arg(0))}'mm'{Unquote(c.Arg(0))}'ss", CultureInfo.InvariantCulture);
            case "if": return Evaluate(Test(c, thisTag) ? c.TrueCode ?? [] : c.FalseCode ?? [], thisTag);
            case "select": return Evaluate(_atRoot ? c.TrueCode ?? [] : c.FalseCode ?? [], thisTag);
            case "param": return Param(c.Arg(0)) ?? "null";
            case "lookup": return Lookup(c, thisTag);
            case "require": return Require(c, thisTag);
            case "process": return Process(thisTag);
            case "quarantine": throw new CtpQuarantineSignal("the script says @quarantine()");
            case "skip": throw new CtpQuarantineSignal("the script says @skip() (CTP drops the file)");
            default: return c.Source; // markers (@keep(), @remove(), @empty(), @blank(n)) and unknown functions, as written
        }
    }

    private string Append(CtpCall c, DicomTag thisTag)
    {
        var value = Evaluate(c.TrueCode ?? [], thisTag);
        var current = ValueOf(_in, thisTag);
        return string.IsNullOrEmpty(current) ? value : current + "\\" + value;
    }

    private string ContentsFn(CtpCall c, DicomTag thisTag)
    {
        var value = Contents(c.Arg(0), thisTag);
        if (value is null) return "null"; // CTP appends a null string as "null"
        return c.Args.Count switch
        {
            1 => value,
            2 => Regex.Replace(value, Unquote(c.Arg(1)), "", RegexOptions.None, RegexTimeout),
            3 => Regex.Replace(value, Unquote(c.Arg(1)), Unquote(c.Arg(2)), RegexOptions.None, RegexTimeout),
            _ => "",
        };
    }

    private string Truncate(CtpCall c, DicomTag thisTag)
    {
        var value = Contents(c.Arg(0), thisTag);
        if (value is null) return "null";
        if (c.Args.Count < 2 || !int.TryParse(c.Arg(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return value;
        if (n >= 0) return value[..Math.Min(value.Length, n)];
        value = value.Trim();
        return value[Math.Max(0, value.Length + n)..];
    }

    private string HashUid(CtpCall c, DicomTag thisTag)
    {
        if (c.Args.Count < 2) return c.Source[1..];
        var root = Param(c.Arg(0)) ?? throw new CtpQuarantineSignal($"@hashuid: parameter {c.Arg(0)} is not defined");
        var uid = Contents(c.Arg(1), thisTag);
        if (uid is null) return "@remove()";
        if (c.Args.Count > 2 && CtpNames.TryTag(c.Arg(2), thisTag, _in, out var extraTag) && _script.RuleFor(extraTag) is { } extra)
        {
            uid += Evaluate(extra.Code, extraTag);
        }

        return CtpFunctions.HashUid(root.Trim(), uid);
    }

    private string HashDate(CtpCall c, DicomTag thisTag)
    {
        var date = Contents(c.Arg(0), thisTag);
        if (date is null) return "@remove()";
        if (date.Length < 8) return "@empty()";
        var key = Contents(c.Arg(1), thisTag);
        if (key is null) return "@remove()";
        return ShiftAll(date, CtpFunctions.HashDateIncrement(key));
    }

    private string IncrementDate(CtpCall c, DicomTag thisTag)
    {
        var date = Contents(c.Arg(0), thisTag);
        if (date is null) return "@remove()";
        if (date.Length < 8) return "@empty()";
        string? incText;
        if (c.Args.Count == 2) incText = Param(c.Arg(1));
        else if (c.Args.Count == 3)
        {
            var key = Contents(c.Arg(1), thisTag);
            incText = key is null || _lookup is null ? null : _lookup.Lookup(Param(c.Arg(2)) ?? "", key, out _);
        }
        else return "@empty()";

        return long.TryParse(incText?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var inc) ? ShiftAll(date, inc) : "@empty()";
    }

    private static string ShiftAll(string dates, long days)
    {
        var parts = dates.Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            if (!CtpFunctions.TryIncrementDate(parts[i], days, out parts[i])) return "@empty()";
        }

        return string.Join('\\', parts);
    }

    private string ModifyDate(CtpCall c, DicomTag thisTag)
    {
        var date = Contents(c.Arg(0), thisTag);
        if (date is null) return "@remove()";
        if (date.Length < 8) return "@empty()";
        int y = IntOr(Param(c.Arg(1)), -1), m = IntOr(Param(c.Arg(2)), -1), d = IntOr(Param(c.Arg(3)), -1);
        var parts = date.Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            if (!CtpFunctions.TryModifyDate(parts[i], y, m, d, out parts[i])) return "@empty()";
        }

        return string.Join('\\', parts);
    }

    private bool Test(CtpCall c, DicomTag thisTag)
    {
        if (c.Args.Count < 2) return false;
        var name = Unquote(c.Arg(0));
        var element = Contents(name, thisTag);
        string Arg2()
        {
            var a = Unquote(c.Arg(2));
            return a.StartsWith('@') && Param(a) is { } p ? p : a;
        }

        switch (c.Arg(1))
        {
            case "isblank": return element is null || element.Trim().Length == 0;
            case "contains": return element is not null && c.Args.Count >= 3 && element.Contains(Arg2(), StringComparison.OrdinalIgnoreCase);
            case "equals": return element is not null && c.Args.Count >= 3 && element.Equals(Arg2(), StringComparison.OrdinalIgnoreCase);
            case "matches": return element is not null && c.Args.Count >= 3 && Regex.IsMatch(element, "^(?:" + Arg2().Trim() + ")$", RegexOptions.None, RegexTimeout);
            case "exists": return CtpNames.TryResolve(name, thisTag, _in, _rootIn, out var ds, out var tag) && ds.Contains(tag);
            case "greaterthan":
                if (element is null || c.Args.Count < 3) return false;
                return IntOr(Regex.Replace(element, "[^0-9]", ""), 0) > IntOr(Regex.Replace(Arg2(), "[^0-9]", ""), 0);
            default: return false;
        }
    }

    private string Lookup(CtpCall c, DicomTag thisTag)
    {
        var key = string.Join('|', c.Arg(0).Split('|').Select(n => Contents(n.Trim(), thisTag) ?? "null")).Replace("\\", "");
        string? problem;
        string? value = null;
        if (_lookup is null) problem = "@lookup needs a lookup table (--lookup-table FILE)";
        else value = _lookup.Lookup(c.Arg(1), key, out problem);
        if (value is not null) return value;
        if (c.Args.Count > 2)
        {
            var action = Unquote(c.Arg(2));
            switch (action)
            {
                case "keep": return "@keep()";
                case "remove": return "@remove()";
                case "empty": return "@empty()";
            }

            if (c.Args.Count > 3)
            {
                if (action == "default") return Unquote(c.Arg(3));
                if (action == "ignore" && Regex.IsMatch(key, "^(?:" + Unquote(c.Arg(3)) + ")$", RegexOptions.None, RegexTimeout)) return key;
            }
        }

        throw new CtpQuarantineSignal($"@lookup failed: {problem}");
    }

    private string Require(CtpCall c, DicomTag thisTag)
    {
        if (_in.Contains(thisTag)) return "@keep()";
        if (c.Args.Count == 0) return "";
        string value = CtpNames.TryResolve(c.Arg(0), thisTag, _in, _rootIn, out var ds, out var tag) && ds.Contains(tag)
            ? ValueOf(ds, tag) ?? ""
            : c.Args.Count > 1 ? Unquote(c.Arg(1)) : "";
        return value.Trim().Length == 0 ? $"@blank({value.Length})" : value;
    }

    /// <summary>@process(): every item of the sequence walked with the same script; the sequence kept.</summary>
    private string Process(DicomTag thisTag)
    {
        if (_in.Get(thisTag) is not DicomSequence inSq || _out.Get(thisTag) is not DicomSequence outSq) return "@keep()";
        var (savedIn, savedOut, savedRoot) = (_in, _out, _atRoot);
        try
        {
            for (int i = 0; i < inSq.Items.Count && i < outSq.Items.Count; i++)
            {
                _in = inSq.Items[i];
                _out = outSq.Items[i];
                _atRoot = false;
                ProcessItem();
            }
        }
        finally
        {
            (_in, _out, _atRoot) = (savedIn, savedOut, savedRoot);
        }

        _out.MarkModified();
        return "@keep()";
    }

    /// <summary>A value the script gives that cannot be stored, or a quarantine the script asks for; carries the reason.</summary>
    private sealed class ElementFailure(string reason) : Exception(reason);
}
