using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PixelScrub.Deidentification.Mapping;
using PixelScrub.Dicom;

namespace PixelScrub.Deidentification.Profiles;

/// <summary>
/// The built-in profile <c>ps3.15-basic[+option...]</c>: DICOM PS3.15 Basic Application Level Confidentiality Profile
/// with the options named, applied at every sequence depth, then the marks (Patient Identity Removed YES,
/// De-identification Method, 113100 and the options' codes) and the rebuilt file meta group. Parameters: <c>key</c> or
/// <c>key-file</c> (or the environment variable PIXELSCRUB_KEY), required; <c>date-offset</c> (days, with
/// retain-longitudinal-modified-dates: one offset for every patient instead of each patient's keyed one);
/// <c>patient-id-table</c> (CSV original,replacement instead of the keyed hash).
/// </summary>
internal sealed class Ps315Profile : IHeaderAnonymizer
{
    public const string DateOffsetParameter = "date-offset";

    private static readonly string[] KnownParameters =
        [MappingKey.KeyParameter, MappingKey.KeyFileParameter, DateOffsetParameter, PatientIdTable.Parameter];

    private readonly Ps315Engine _engine;
    private readonly string _name;
    private readonly string _keySource;
    private readonly int? _fixedOffset;
    private readonly PatientIdTable? _table;

    private Ps315Profile(Ps315Engine engine, string name, string keySource, int? fixedOffset, PatientIdTable? table, string key)
    {
        _engine = engine;
        _name = name;
        _keySource = keySource;
        _fixedOffset = fixedOffset;
        _table = table;
        Key = key;
    }

    public string Name => _name;

    public string Key { get; }

    /// <summary>Builds the profile; <see cref="ArgumentException"/> for a missing key, an unknown or bad parameter.</summary>
    public static Ps315Profile Create(IReadOnlySet<Ps315Option> options, IReadOnlyDictionary<string, string> parameters, Func<string, string?> environment)
    {
        string name = Ps315Options.Name(options);
        foreach (var p in parameters.Keys)
        {
            if (!KnownParameters.Contains(p, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"header profile {name}: unknown parameter \"{p}\"; it takes {string.Join(", ", KnownParameters)}");
            }
        }

        var key = MappingKey.Resolve(parameters, environment) ?? throw new ArgumentException(
            $"header profile {name} needs a mapping key for UIDs, Patient IDs and dates: --param {MappingKey.KeyParameter}=SECRET, " +
            $"--param {MappingKey.KeyFileParameter}=FILE or the environment variable {MappingKey.EnvironmentVariable} (at least {MappingKey.MinimumLength} bytes)");

        int? offset = null;
        if (Get(parameters, DateOffsetParameter) is { } offsetText)
        {
            if (!int.TryParse(offsetText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) || Math.Abs(days) > 36525)
            {
                throw new ArgumentException($"header profile {name}: {DateOffsetParameter} \"{offsetText}\" is not a number of days (at most 36525 either way)");
            }

            if (!options.Contains(Ps315Option.RetainLongitudinalModifiedDates))
            {
                throw new ArgumentException($"header profile {name}: {DateOffsetParameter} applies only with +retain-longitudinal-modified-dates");
            }

            offset = days;
        }

        PatientIdTable? table = null;
        if (Get(parameters, PatientIdTable.Parameter) is { } tablePath) table = PatientIdTable.Load(tablePath);

        // The resume key names the profile, the key's one-way fingerprint, the offset and the table's content hash.
        var keyText = new StringBuilder(name).Append("|key=").Append(key.Fingerprint());
        if (offset is int o) keyText.Append("|offset=").Append(o.ToString(CultureInfo.InvariantCulture));
        if (table is not null) keyText.Append("|table=").Append(table.Sha256[..16]);
        var engine = new Ps315Engine(options, new KeyedMapper(key, offset), table);
        return new Ps315Profile(engine, name, key.Source, offset, table, keyText.ToString());
    }

    public HeaderResult Apply(DicomFile file, HeaderContext context)
    {
        var outcome = _engine.Apply(file.Dataset, context.PixelsCleaned);
        if (outcome.QuarantineReason is { } reason) return HeaderResult.Quarantine(reason);
        var ds = file.Dataset;
        DeidentificationMarks.SetPatientIdentityRemoved(ds);
        // LO holds 64 characters: the options are in the code sequence when the name is longer.
        DeidentificationMarks.AppendMethod(ds, _name.Length <= 53 ? $"PixelScrub {_name}" : $"PixelScrub {Ps315Options.BaseName} with options");
        DeidentificationMarks.AddMethodCodes(ds, ["113100", .. Ps315Options.All.Where(o => _engine.Options.Contains(o.Option)).Select(o => o.Code)]);
        HeaderCompletion.Finish(file, context);
        return new HeaderResult
        {
            Outcome = HeaderOutcome.Done,
            Removed = outcome.Removed,
            Emptied = outcome.Emptied,
            Replaced = outcome.Replaced,
            Added = 3,
            Notes = outcome.Notes,
        };
    }

    public HeaderExplanation Explain()
    {
        var parameters = new List<HeaderActionLine>
        {
            new("mapping key", "given", $"from {_keySource} (never written)"),
        };
        if (_fixedOffset is int o) parameters.Add(new(DateOffsetParameter, o.ToString(CultureInfo.InvariantCulture) + " days"));
        if (_table is not null) parameters.Add(new(PatientIdTable.Parameter, _table.Path, $"{_table.Count} patients"));

        var actions = new List<HeaderActionLine>
        {
            new("(0010,0020) PatientID", "replace", _table is null ? "keyed hash (16 hex digits)" : "from the Patient ID table; missing: quarantine"),
        };
        foreach (var e in Ps315Table.Entries)
        {
            if (e.Tag == 0x00100020) continue;
            bool sq = DicomDictionary.TryGetEntry(new DicomTag(e.Tag), out var d) && d.VR == "SQ";
            var action = Ps315Options.Resolve(e, _engine.Options, sq);
            var tag = e.Mask == 0xFFFFFFFFu ? new DicomTag(e.Tag).ToString() : PatternText(e);
            actions.Add(new($"{tag} {e.Name}", Describe(action, sq), $"PS3.15 {e.Basic}"));
        }

        actions.Add(new("(gggg,eeee) odd groups", "remove", $"private attributes, except {SafePrivateAttributes.All.Count} safe acquisition parameters"));
        var notes = new List<string>
        {
            "sequences are entered at every depth; a listed attribute is treated wherever it occurs",
            "UIDs the table does not list are replaced too, unless they are DICOM registry UIDs or name a class, syntax or coding scheme",
            _engine.Options.Contains(Ps315Option.CleanGraphics)
                ? "overlay planes (60xx) are kept only when the pixels were cleaned in the same pass; curves (50xx) are kept"
                : "overlay planes (60xx) and curves (50xx) are removed as whole groups",
            "the file meta group is rebuilt: Media Storage SOP Instance UID is the new SOP Instance UID",
            "Patient Identity Removed YES, De-identification Method and its code sequence (113100 and the options' codes) are added",
        };
        return new HeaderExplanation(_name, parameters, actions, notes);
    }

    private static string Describe(Ps315Action a, bool sequence) => a switch
    {
        Ps315Action.Keep => sequence ? "keep (items processed)" : "keep",
        Ps315Action.KeepItems => "keep (items processed, UIDs replaced)",
        Ps315Action.Remove => "remove",
        Ps315Action.Empty => sequence ? "empty (no items)" : "empty",
        Ps315Action.Dummy => sequence ? "keep (items processed)" : "dummy value",
        Ps315Action.Uid => "new UID (keyed hash)",
        Ps315Action.Clean => "clean (dates shifted, identifying words removed, UIDs replaced)",
        _ => a.ToString(),
    };

    private static string PatternText(Ps315Entry e)
    {
        var sb = new StringBuilder("(");
        for (int i = 7; i >= 0; i--)
        {
            if (i == 3) sb.Append(',');
            uint m = (e.Mask >> (i * 4)) & 0xF;
            sb.Append(m == 0 ? 'x' : "0123456789ABCDEF"[(int)((e.Tag >> (i * 4)) & 0xF)]);
        }

        return sb.Append(')').ToString();
    }

    private static string? Get(IReadOnlyDictionary<string, string> parameters, string name)
    {
        foreach (var (k, v) in parameters)
        {
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase) && v.Length > 0) return v;
        }

        return null;
    }
}
