using System.Collections.Frozen;
using PixelScrub.Deidentification.Mapping;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// Applies PS3.15 Table E.1-1 with a set of options to a dataset, at every sequence depth: the attribute's resolved
/// action (<see cref="Ps315Action"/>), UIDs by keyed hash, dates shifted by the patient's keyed offset, Patient ID by
/// keyed hash or a lookup table; private attributes removed except the safe keep-list; overlays and curves removed
/// unless clean-graphics is on and the pixels (and so the overlays) were cleaned in this pass; Icon Image Sequences
/// removed. Attributes the table does not list are kept, except UIDs outside the DICOM registry root, which are replaced
/// too (a UID the table misses may still identify a study). Thread-safe: per-file state lives in <see cref="Run"/>.
/// </summary>
internal sealed class Ps315Engine
{
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);

    /// <summary>UI attributes that name classes, syntaxes or coding schemes rather than instances: never replaced.</summary>
    private static readonly FrozenSet<uint> DefinitionUids = new uint[]
    {
        0x00020002, 0x00020010, 0x00020012, 0x00080016, 0x0008001A, 0x00080062, 0x0008010C, 0x0008010D,
        0x00081150, 0x00041510, 0x00041512, 0x0040A043, 0x00720066,
    }.ToFrozenSet();

    private readonly IReadOnlySet<Ps315Option> _options;
    private readonly KeyedMapper _mapper;
    private readonly PatientIdTable? _patientIds;

    public Ps315Engine(IReadOnlySet<Ps315Option> options, KeyedMapper mapper, PatientIdTable? patientIds)
    {
        _options = options;
        _mapper = mapper;
        _patientIds = patientIds;
    }

    public IReadOnlySet<Ps315Option> Options => _options;

    /// <summary>What one file's pass did, or why it must be quarantined.</summary>
    public sealed class Outcome
    {
        public int Removed { get; set; }
        public int Emptied { get; set; }
        public int Replaced { get; set; }
        public string? QuarantineReason { get; set; }
        public List<string> Notes { get; } = [];
    }

    /// <summary>De-identifies <paramref name="dataset"/> in place (the meta group is rebuilt by the caller afterwards).</summary>
    public Outcome Apply(DicomDataset dataset, bool pixelsCleaned)
    {
        var run = new Run(this, dataset, pixelsCleaned);
        run.Top();
        return run.Result;
    }

    private sealed class Run
    {
        private readonly Ps315Engine _e;
        private readonly DicomDataset _root;
        private readonly bool _pixelsCleaned;
        private readonly Dictionary<string, string> _uids = new(StringComparer.Ordinal);
        private PhiText? _phi;
        private int? _offset;
        private readonly string _patientKey;

        public Run(Ps315Engine engine, DicomDataset root, bool pixelsCleaned)
        {
            _e = engine;
            _root = root;
            _pixelsCleaned = pixelsCleaned;
            var id = root.GetString(PatientId)?.Trim() ?? "";
            _patientKey = id.Length > 0 ? "id:" + id : "name:" + (root.GetString(PatientName)?.Trim() ?? "");
        }

        public Outcome Result { get; } = new();

        private bool Has(Ps315Option o) => _e._options.Contains(o);

        private PhiText Phi => _phi ??= new PhiText(_root);

        private int Offset => _offset ??= _e._mapper.DateOffsetDays(_patientKey);

        public void Top()
        {
            // Patient ID first (from the original value): keyed hash or the user's table.
            if (_root.Get(PatientId) is { } pid && !ReplacePatientId(_root, pid)) return;

            // Overlays (60xx) and curves (50xx): whole groups, so no plane is left half described.
            bool keepOverlays = Has(Ps315Option.CleanGraphics) && _pixelsCleaned;
            bool keepCurves = Has(Ps315Option.CleanGraphics);
            int n = _root.RemoveAll(el => el.Tag.Group is >= 0x6000 and <= 0x601E && (el.Tag.Group & 1) == 0 && !keepOverlays
                                        || el.Tag.Group is >= 0x5000 and <= 0x501E && (el.Tag.Group & 1) == 0 && !keepCurves);
            if (n > 0) Result.Removed += n;
            if (Result.QuarantineReason is null) Walk(_root, skipPatientId: true);
        }

        private void Walk(DicomDataset ds, bool skipPatientId)
        {
            RemovePrivate(ds);
            var elements = ds.ToArray();
            foreach (var el in elements)
            {
                var tag = el.Tag;
                if (tag.IsGroupLength || (tag.Group & 1) == 1) continue; // private: done above; group lengths recomputed
                if (tag.IsPixelData) continue;
                if (tag == PatientId)
                {
                    if (!skipPatientId) ReplacePatientId(ds, el); // nested (e.g. in a referenced patient item): same mapping
                    continue;
                }

                bool isSequence = el is DicomSequence;
                var entry = Ps315Table.Find(tag.Value);
                if (entry is null)
                {
                    if (el is DicomSequence s) WalkItems(s);
                    else if (IsUid(el) && !Has(Ps315Option.RetainUids) && !DefinitionUids.Contains(tag.Value)) MapUids(ds, el, registryToo: false);
                    continue;
                }

                switch (Ps315Options.Resolve(entry, _e._options, isSequence))
                {
                    case Ps315Action.Keep or Ps315Action.KeepItems:
                        if (el is DicomSequence ks) WalkItems(ks);
                        break;
                    case Ps315Action.Remove:
                        ds.Remove(tag);
                        Result.Removed++;
                        break;
                    case Ps315Action.Empty:
                        Empty(ds, el);
                        break;
                    case Ps315Action.Dummy:
                        if (el is DicomSequence ds2) WalkItems(ds2);
                        else Dummy(ds, el);
                        break;
                    case Ps315Action.Uid:
                        MapUids(ds, el, registryToo: true);
                        break;
                    case Ps315Action.Clean:
                        Clean(ds, el);
                        break;
                }
            }
        }

        /// <summary>Patient ID by keyed hash or the user's table; false (and a quarantine reason) when the table lacks it.</summary>
        private bool ReplacePatientId(DicomDataset ds, DicomElement el)
        {
            var original = string.Join('\\', ds.ValuesOf(el.VR == DicomVR.UN ? new DicomElement(el.Tag, DicomVR.LO, el.Value) : el)).Trim();
            string replacement;
            if (original.Length == 0)
            {
                replacement = "";
            }
            else if (_e._patientIds is { } table)
            {
                if (!table.TryMap(original, out replacement))
                {
                    Result.QuarantineReason ??= $"(0010,0020) PatientID: no entry in the Patient ID table {table.Path} for this patient";
                    return false;
                }
            }
            else
            {
                replacement = _e._mapper.MapPatientId(original);
            }

            ds.SetString(PatientId, TextVR(el, DicomVR.LO), replacement);
            Result.Replaced++;
            return true;
        }

        private void WalkItems(DicomSequence s)
        {
            foreach (var item in s.Items) Walk(item, skipPatientId: false);
        }

        /// <summary>Private data elements go, except the safe keep-list (with its creators); so do odd illegal groups.</summary>
        private void RemovePrivate(DicomDataset ds)
        {
            HashSet<uint>? keepCreators = null;
            HashSet<uint>? keep = null;
            foreach (var el in ds)
            {
                var t = el.Tag;
                if ((t.Group & 1) == 0 || !t.IsPrivate || t.Element < 0x1000) continue;
                var creatorTag = new DicomTag(t.Group, (ushort)(t.Element >> 8));
                var creator = ds.GetString(creatorTag);
                if (creator is null) continue;
                var safe = SafePrivateAttributes.Find(t.Group, creator, (byte)t.Element);
                if (safe is null || el is DicomSequence || !el.Value.IsInMemory || !SafePrivateAttributes.ValueFits(safe, el.Value.GetBytes().Span)) continue;
                (keep ??= []).Add(t.Value);
                (keepCreators ??= []).Add(creatorTag.Value);
            }

            int n = ds.RemoveAll(el => (el.Tag.Group & 1) == 1 && !(keep?.Contains(el.Tag.Value) ?? false) && !(keepCreators?.Contains(el.Tag.Value) ?? false));
            Result.Removed += n;
        }

        private void Empty(DicomDataset ds, DicomElement el)
        {
            if (el is DicomSequence s)
            {
                if (s.Items.Count == 0) return;
                s.Items.Clear();
                ds.MarkModified();
            }
            else
            {
                if (el.Value.Length == 0) return;
                ds.Set(new DicomElement(el.Tag, el.VR, ElementValue.Empty));
            }

            Result.Emptied++;
        }

        private void Dummy(DicomDataset ds, DicomElement el)
        {
            var vr = StorageVR(el);
            if (vr == DicomVR.UI)
            {
                MapUids(ds, el, registryToo: true);
                return;
            }

            if (vr.Kind is VRKind.Binary)
            {
                ds.Set(new DicomElement(el.Tag, vr, ElementValue.FromBytes(new byte[vr == DicomVR.AT ? 4 : vr.UnitSize])));
            }
            else if (vr.Kind is VRKind.Bulk)
            {
                ds.Set(new DicomElement(el.Tag, vr, ElementValue.Empty));
            }
            else
            {
                ds.SetString(el.Tag, vr, DummyText(vr));
            }

            Result.Replaced++;
        }

        /// <summary>A non-empty value of the VR that carries no information (PS3.15 E.1-1 action D).</summary>
        internal static string DummyText(DicomVR vr) => vr.Code switch
        {
            "DA" => "19000101",
            "DT" => "19000101000000",
            "TM" => "000000",
            "DS" or "IS" => "0",
            "AS" => "000Y",
            "UR" => "",
            _ => "ANONYMIZED",
        };

        private void Clean(DicomDataset ds, DicomElement el)
        {
            if (el is DicomSequence s)
            {
                WalkItems(s);
                return;
            }

            var vr = StorageVR(el);
            switch (vr.Code)
            {
                case "UI":
                    MapUids(ds, el, registryToo: true);
                    return;
                case "DA" or "DT":
                    ShiftDates(ds, el, vr, Ps315Table.Find(el.Tag.Value));
                    return;
                case "TM":
                    return; // whole-day shifts keep times (PS3.15 E.3.6)
            }

            if (vr.Kind is VRKind.Text or VRKind.LongText && vr != DicomVR.CS && vr != DicomVR.AS)
            {
                var values = ds.ValuesOf(el.VR == DicomVR.UN ? new DicomElement(el.Tag, vr, el.Value) : el);
                var cleaned = values.Select(v => Phi.Clean(v)).ToArray();
                if (!cleaned.SequenceEqual(values))
                {
                    ds.SetString(el.Tag, vr, cleaned);
                    Result.Replaced++;
                }
            }
            else if (vr.Kind is VRKind.Bulk && el.VR == DicomVR.UN)
            {
                ds.Remove(el.Tag); // a value we cannot read cannot be cleaned
                Result.Removed++;
            }
        }

        private void ShiftDates(DicomDataset ds, DicomElement el, DicomVR vr, Ps315Entry? entry)
        {
            var values = ds.ValuesOf(el.VR == DicomVR.UN ? new DicomElement(el.Tag, vr, el.Value) : el);
            var shifted = new string[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                bool ok = vr == DicomVR.DA
                    ? DateShift.TryShiftDate(values[i], Offset, out shifted[i])
                    : DateShift.TryShiftDateTime(values[i], Offset, out shifted[i]);
                if (!ok)
                {
                    // Not a date (e.g. ACR-NEMA "1997.04.24"): it cannot be shifted, so the basic action applies instead.
                    var basic = entry is null ? Ps315Action.Remove : Ps315Options.Resolve(entry, new HashSet<Ps315Option>(), isSequence: false);
                    if (basic == Ps315Action.Dummy) Dummy(ds, el);
                    else if (basic == Ps315Action.Empty) Empty(ds, el);
                    else
                    {
                        ds.Remove(el.Tag);
                        Result.Removed++;
                    }

                    Result.Notes.Add($"{el.Tag}: not a valid {vr.Code}, not shifted ({basic.ToString().ToLowerInvariant()} instead)");
                    return;
                }
            }

            ds.SetString(el.Tag, vr, shifted);
            Result.Replaced++;
        }

        private void MapUids(DicomDataset ds, DicomElement el, bool registryToo)
        {
            if (Has(Ps315Option.RetainUids) && registryToo is false) return;
            var values = ds.ValuesOf(el.VR == DicomVR.UN ? new DicomElement(el.Tag, DicomVR.UI, el.Value) : el);
            if (values.Length == 0) return;
            bool changed = false;
            var mapped = new string[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                var v = values[i].Trim('\0', ' ');
                if (v.Length == 0 || (!registryToo && v.StartsWith("1.2.840.10008.", StringComparison.Ordinal)))
                {
                    mapped[i] = v;
                    continue;
                }

                if (!_uids.TryGetValue(v, out var m)) _uids[v] = m = _e._mapper.MapUid(v);
                mapped[i] = m;
                changed = true;
            }

            if (!changed) return;
            ds.SetString(el.Tag, DicomVR.UI, mapped);
            Result.Replaced++;
        }

        private static bool IsUid(DicomElement el) =>
            el.VR == DicomVR.UI || (el.VR == DicomVR.UN && DicomDictionary.TryGetEntry(el.Tag, out var d) && d.DefaultVR == DicomVR.UI);

        private static DicomVR StorageVR(DicomElement el) =>
            el.VR != DicomVR.UN ? el.VR : DicomDictionary.TryGetEntry(el.Tag, out var d) && d.DefaultVR != DicomVR.UN ? d.DefaultVR : DicomVR.UN;

        private static DicomVR TextVR(DicomElement el, DicomVR fallback) => el.VR == DicomVR.UN ? fallback : el.VR;
    }
}
