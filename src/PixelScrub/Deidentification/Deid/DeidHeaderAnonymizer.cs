using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Deidentification.Mapping;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Deid;

/// <summary>
/// Applies a deid recipe's %header as deid does (pydicom/deid DicomParser): the header flattened into fields at every
/// depth (file meta included); %values and %fields lists computed first from the header as read; then each action in
/// order on the fields its expression selects. KEEP protects its fields from every other action. ADD sets a top-level
/// element (replacing its value when present); REPLACE changes existing fields only; BLANK empties (a sequence: no
/// items); JITTER shifts DA and DT by days; REMOVE deletes. Like deid, the pixel data, palette data, VOI LUT Sequence and
/// the structural meta elements are never selected; PixelScrub also protects the attributes that describe the pixels
/// (rows, columns, bits ...), so a recipe cannot leave pixel data nobody can read. A new value that does not fit its VR,
/// or a date JITTER cannot read, sends the file to quarantine naming the element.
/// </summary>
internal sealed class DeidHeaderAnonymizer : IHeaderAnonymizer
{
    private static readonly FrozenSet<uint> Protected = new uint[]
    {
        0x7FE00010, 0x7FE00008, 0x7FE00009, 0x00281201, 0x00281202, 0x00281203, 0x00283010, 0x00020000, 0x00020001,
        0x00020010, 0x00020012,
        // PixelScrub: the Image Pixel module's description of the pixel data (PS3.3 C.7.6.3).
        0x00280002, 0x00280004, 0x00280006, 0x00280008, 0x00280010, 0x00280011, 0x00280100, 0x00280101, 0x00280102,
        0x00280103, 0x00281101, 0x00281102, 0x00281103,
    }.ToFrozenSet();

    private readonly DeidHeaderRecipe _recipe;
    private readonly IReadOnlyDictionary<string, string> _parameters;

    public DeidHeaderAnonymizer(DeidHeaderRecipe recipe, IReadOnlyDictionary<string, string> parameters)
    {
        _recipe = recipe;
        _parameters = parameters;
        var text = new StringBuilder("deid:").Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', recipe.Actions)))));
        foreach (var (k, v) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(k).Append('=').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(v)))[..16]);
        }

        Key = text.ToString();
    }

    public string Name => $"deid recipe {Path.GetFileName(_recipe.File)}";

    public string Key { get; }

    private sealed class Counts
    {
        public int Removed, Emptied, Replaced, Added;
        public List<string> Notes { get; } = [];
    }

    public HeaderResult Apply(DicomFile file, HeaderContext context)
    {
        var parameters = _parameters;
        if (context.Parameters is { Count: > 0 } extra)
        {
            var merged = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
            foreach (var (k, v) in extra) merged[k] = v;
            parameters = merged;
        }

        var all = Flatten(file);
        var keep = new HashSet<DeidField>();
        foreach (var a in _recipe.Actions.Where(a => a.Kind == DeidActionKind.Keep))
        {
            foreach (var f in Select(a.Selector, all, all, null, null)) keep.Add(f);
        }

        var contenders = all.Where(f => !keep.Contains(f)).ToList();
        var valuesLists = _recipe.ValuesLists.ToDictionary(p => p.Key, p => ValuesList(p.Value, contenders), StringComparer.Ordinal);
        var fieldsLists = _recipe.FieldsLists.ToDictionary(p => p.Key, p => FieldsList(p.Value, contenders), StringComparer.Ordinal);
        var counts = new Counts();
        try
        {
            foreach (var action in _recipe.Actions)
            {
                if (action.Kind == DeidActionKind.Keep) continue;
                string? value = action.Value?.Resolve(parameters);
                if (action.Kind == DeidActionKind.Add)
                {
                    Add(file, action, value!, counts);
                    continue;
                }

                var selected = Select(action.Selector, contenders, all, valuesLists, fieldsLists).Where(f => f.Alive).ToList();
                foreach (var f in selected)
                {
                    if (!f.Alive) continue;
                    Run(action, f, value, counts);
                }
            }
        }
        catch (HeaderQuarantinedException q)
        {
            return HeaderResult.Quarantine(q.Reason);
        }

        HeaderCompletion.Finish(file, context);
        return new HeaderResult
        {
            Outcome = HeaderOutcome.Done,
            Removed = counts.Removed,
            Emptied = counts.Emptied,
            Replaced = counts.Replaced,
            Added = counts.Added,
            Notes = counts.Notes,
        };
    }

    private void Run(DeidAction action, DeidField f, string? value, Counts counts)
    {
        var el = f.Element!;
        switch (action.Kind)
        {
            case DeidActionKind.Remove:
                f.Parent.Remove(f.Tag);
                f.Removed = true;
                counts.Removed++;
                break;
            case DeidActionKind.Blank:
                if (el is DicomSequence s)
                {
                    s.Items.Clear();
                    f.Parent.MarkModified();
                }
                else
                {
                    f.Parent.Set(new DicomElement(f.Tag, el.VR, ElementValue.Empty));
                }

                counts.Emptied++;
                break;
            case DeidActionKind.Replace:
                if (el is DicomSequence)
                {
                    throw new HeaderQuarantinedException($"{Where(f)}: REPLACE ({_recipe.File}:{action.Line}) cannot put a value in a sequence");
                }

                Store(f.Parent, f.Tag, el.VR, value!, action);
                counts.Replaced++;
                break;
            case DeidActionKind.Jitter:
                var vr = ValueEncoder.StorageVR(f.Tag, el.VR, "");
                if (vr != DicomVR.DA && vr != DicomVR.DT) break; // deid jitters dates and date-times only
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
                {
                    throw new HeaderQuarantinedException($"{Where(f)}: JITTER ({_recipe.File}:{action.Line}) needs a whole number of days, got \"{value}\"");
                }

                var values = f.Parent.ValuesOf(el.VR == DicomVR.UN ? new DicomElement(f.Tag, vr, el.Value) : el);
                var shifted = new string[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    bool ok = vr == DicomVR.DA ? DateShift.TryShiftDate(values[i], days, out shifted[i]) : DateShift.TryShiftDateTime(values[i], days, out shifted[i]);
                    if (!ok) throw new HeaderQuarantinedException($"{Where(f)}: JITTER ({_recipe.File}:{action.Line}) cannot read \"{values[i]}\" as {vr.Code}");
                }

                if (values.Length > 0)
                {
                    Store(f.Parent, f.Tag, vr, string.Join('\\', shifted), action);
                    counts.Replaced++;
                }

                break;
        }
    }

    private void Add(DicomFile file, DeidAction action, string value, Counts counts)
    {
        var tag = new DicomTag(action.Selector.Tag!.Value);
        var target = tag.Group == 0x0002 ? file.Meta : file.Dataset;
        var existing = target.Get(tag);
        if (existing is DicomSequence)
        {
            throw new HeaderQuarantinedException($"{ValueEncoder.Describe(tag)}: ADD ({_recipe.File}:{action.Line}) cannot put a value in a sequence");
        }

        Store(target, tag, existing?.VR, value, action);
        if (existing is null) counts.Added++;
        else counts.Replaced++;
    }

    private void Store(DicomDataset target, DicomTag tag, DicomVR? current, string value, DeidAction action)
    {
        var vr = ValueEncoder.StorageVR(tag, current, value);
        if (!ValueEncoder.TryEncode(target, tag, vr, value, out var element, out var error))
        {
            throw new HeaderQuarantinedException($"{error} ({action.Kind.ToString().ToUpperInvariant()} at {_recipe.File}:{action.Line})");
        }

        target.Set(element);
    }

    private static string Where(DeidField f) => f.Name.Length > 0 ? $"{f.Tag} {f.Name}" : f.Tag.ToString();

    /// <summary>Every element of the meta group and the dataset, sequences entered at every depth.</summary>
    private static List<DeidField> Flatten(DicomFile file)
    {
        var result = new List<DeidField>();
        void Walk(DicomDataset ds, string prefix, DeidField? container, bool meta)
        {
            foreach (var el in ds)
            {
                if (Protected.Contains(el.Tag.Value) || el.Tag.IsGroupLength) continue;
                var keyword = DicomDictionary.KeywordOf(el.Tag) ?? "";
                var name = prefix.Length == 0 ? keyword : prefix + "__" + keyword;
                var field = new DeidField(ds, el.Tag, name, keyword, container, meta);
                result.Add(field);
                if (el is DicomSequence s)
                {
                    foreach (var item in s.Items) Walk(item, name, field, meta);
                }
            }
        }

        Walk(file.Dataset, "", null, false);
        Walk(file.Meta, "", null, true);
        return result;
    }

    private static IEnumerable<DeidField> Select(DeidSelector s, List<DeidField> contenders, List<DeidField> all,
        Dictionary<string, List<string>>? values, Dictionary<string, List<DeidField>>? fields)
    {
        switch (s.Kind)
        {
            case DeidSelectorKind.All: return contenders;
            case DeidSelectorKind.Values:
                var list = values![s.ListName];
                if (list.Count == 0) return [];
                return contenders.Where(f => f.Alive && ValueContainsAny(f, list));
            case DeidSelectorKind.Fields:
                var chosen = fields![s.ListName].ToHashSet();
                return contenders.Where(chosen.Contains);
            default:
                return contenders.Where(f => Matches(s, f));
        }
    }

    /// <summary>Whether a field matches an expression, as deid's exact lookups and name_contains do.</summary>
    internal static bool Matches(DeidSelector s, DeidField f)
    {
        switch (s.Kind)
        {
            case DeidSelectorKind.Exact:
                if (s.Tag is uint t && f.Tag.Value == t) return true;
                return f.Name == s.Text || (f.Keyword.Length > 0 && f.Keyword == s.Text);
            case DeidSelectorKind.PrivateCreator:
                return f.Tag.Group == s.Group && f.Tag.Element >= 0x1000 && (byte)f.Tag.Element == s.Element
                    && string.Equals(CreatorOf(f)?.Trim(), s.Creator.Trim(), StringComparison.OrdinalIgnoreCase);
            case DeidSelectorKind.StartsWith or DeidSelectorKind.EndsWith or DeidSelectorKind.Contains:
                return NameMatches(s, f);
            case DeidSelectorKind.Except:
                return !NameMatches(s, f);
            default:
                return false;
        }
    }

    // deid searches the lower-cased nested name, the stripped tag and the keyword, and for a private element its
    // creator form GGGG,"CREATOR",EE.
    private static bool NameMatches(DeidSelector s, DeidField f)
    {
        var r = s.Pattern!;
        if (r.IsMatch(f.Name.ToLowerInvariant()) || r.IsMatch(f.StrippedTag) || (f.Keyword.Length > 0 && r.IsMatch(f.Keyword))) return true;
        if (f.Tag.IsPrivate && f.Tag.Element >= 0x1000 && CreatorOf(f) is { } creator)
        {
            var privateForm = $"{f.Tag.Group:X4},\"{creator.Trim()}\",{f.Tag.Element & 0xFF:X2}";
            return new System.Text.RegularExpressions.Regex(r.ToString(), System.Text.RegularExpressions.RegexOptions.IgnoreCase).IsMatch(privateForm);
        }

        return false;
    }

    private static string? CreatorOf(DeidField f) => f.Parent.GetString(new DicomTag(f.Tag.Group, (ushort)(f.Tag.Element >> 8)));

    private static bool ValueContainsAny(DeidField f, List<string> list)
    {
        var el = f.Element;
        if (el is null or DicomSequence || el.VR.Kind is VRKind.Bulk) return false;
        foreach (var v in f.Parent.ValuesOf(el))
        {
            foreach (var needle in list)
            {
                if (v.Contains(needle, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }

        return false;
    }

    private static List<string> ValuesList(IReadOnlyList<DeidListEntry> entries, List<DeidField> contenders)
    {
        var set = new List<string>();
        foreach (var e in entries)
        {
            foreach (var f in Select(e.Selector, contenders, contenders, null, null))
            {
                var el = f.Element;
                if (el is null or DicomSequence || el.VR.Kind is VRKind.Bulk) continue;
                var values = f.Parent.ValuesOf(el);
                if (!e.Split)
                {
                    foreach (var v in values)
                    {
                        if (v.Length > 0 && !set.Contains(v)) set.Add(v);
                    }

                    continue;
                }

                foreach (var part in string.Join('\\', values).Split(e.SplitBy))
                {
                    if (part.Length >= e.MinLength && !set.Contains(part)) set.Add(part);
                }
            }
        }

        return set;
    }

    private static List<DeidField> FieldsList(IReadOnlyList<DeidListEntry> entries, List<DeidField> contenders) =>
        entries.SelectMany(e => Select(e.Selector, contenders, contenders, null, null)).Distinct().ToList();

    public HeaderExplanation Explain()
    {
        var parameters = _recipe.Actions.Where(a => a.Value?.Variable is not null)
            .Select(a => a.Value!.Variable!).Distinct()
            .Select(v => new HeaderActionLine("var:" + v, _parameters.ContainsKey(v) ? "given" : "missing")).ToList();
        var actions = new List<HeaderActionLine>();
        foreach (var (name, entries) in _recipe.ValuesLists)
        {
            foreach (var e in entries) actions.Add(new($"%values {name}", e.Split ? "SPLIT" : "FIELD", e.Split ? $"{e.Selector} by=\"{e.SplitBy}\";minlength={e.MinLength}" : e.Selector.Text));
        }

        foreach (var (name, entries) in _recipe.FieldsLists)
        {
            foreach (var e in entries) actions.Add(new($"%fields {name}", "FIELD", e.Selector.Text));
        }

        foreach (var a in _recipe.Actions)
        {
            var attribute = a.Selector.Kind == DeidSelectorKind.Exact && a.Selector.Tag is uint t ? $"{new DicomTag(t)} {a.Selector.Text}" : a.Selector.Text;
            actions.Add(new(attribute, a.Kind.ToString().ToUpperInvariant(), a.Value is null ? $"line {a.Line}" : $"{a.Value} (line {a.Line})"));
        }

        var notes = new List<string>
        {
            "fields are matched at every sequence depth and in the file meta group, as deid flattens them",
            "pixel data, palette and VOI LUT data and the attributes describing the pixels are never selected",
            "the file meta group is rebuilt from the dataset after the actions",
        };
        return new HeaderExplanation(Name, parameters, actions, notes);
    }
}
