namespace PixelScrub.Deidentification.Profiles;

/// <summary>Parses "ps3.15-basic+option+option" into the set of options (names as in PS3.15 E.3, in kebab case).</summary>
internal static class Ps315Options
{
    public const string BaseName = "ps3.15-basic";

    public static readonly IReadOnlyList<(string Name, Ps315Option Option, string Code)> All =
    [
        ("retain-longitudinal-full-dates", Ps315Option.RetainLongitudinalFullDates, "113106"),
        ("retain-longitudinal-modified-dates", Ps315Option.RetainLongitudinalModifiedDates, "113107"),
        ("retain-patient-characteristics", Ps315Option.RetainPatientCharacteristics, "113108"),
        ("retain-device-identity", Ps315Option.RetainDeviceIdentity, "113109"),
        ("retain-uids", Ps315Option.RetainUids, "113110"),
        ("retain-institution-identity", Ps315Option.RetainInstitutionIdentity, "113112"),
        ("clean-descriptors", Ps315Option.CleanDescriptors, "113105"),
        ("clean-structured-content", Ps315Option.CleanStructuredContent, "113104"),
        ("clean-graphics", Ps315Option.CleanGraphics, "113103"),
    ];

    /// <summary>True when <paramref name="spec"/> names this profile; <see cref="ArgumentException"/> for a bad option.</summary>
    public static bool TryParse(string spec, out IReadOnlySet<Ps315Option> options)
    {
        options = new HashSet<Ps315Option>();
        var parts = spec.Trim().Split('+');
        if (!parts[0].Equals(BaseName, StringComparison.OrdinalIgnoreCase)) return false;
        var set = new HashSet<Ps315Option>();
        foreach (var raw in parts.Skip(1))
        {
            var name = raw.Trim();
            var match = All.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                throw new ArgumentException($"header profile \"{spec}\": unknown option \"{name}\"; options: {string.Join(", ", All.Select(o => o.Name))}");
            }

            if (!set.Add(match.Option)) throw new ArgumentException($"header profile \"{spec}\": option \"{name}\" given twice");
        }

        if (set.Contains(Ps315Option.RetainLongitudinalFullDates) && set.Contains(Ps315Option.RetainLongitudinalModifiedDates))
        {
            throw new ArgumentException($"header profile \"{spec}\": choose one of retain-longitudinal-full-dates and retain-longitudinal-modified-dates");
        }

        options = set;
        return true;
    }

    /// <summary>
    /// Sequences that exist to identify a person or an institution (Institution Code Sequence, Operator Identification
    /// Sequence ...): a compound action removes them, as its X allows. Other sequences under a compound action keep their
    /// items, processed by the table (references with new UIDs), so Type 1 and 2 sequences stay conformant.
    /// </summary>
    private static bool IdentifiesSomeone(Ps315Entry entry) =>
        entry.Name.Contains("Identification", StringComparison.Ordinal) || entry.Name.Contains("Institution", StringComparison.Ordinal);

    /// <summary>The canonical name: base and options in the order of <see cref="All"/>.</summary>
    public static string Name(IReadOnlySet<Ps315Option> options) =>
        string.Concat(new[] { BaseName }.Concat(All.Where(o => options.Contains(o.Option)).Select(o => "+" + o.Name)));

    /// <summary>The action for a row under the options: any option saying K wins, then any saying C, else the basic action.</summary>
    public static Ps315Action Resolve(Ps315Entry entry, IReadOnlySet<Ps315Option> options, bool isSequence)
    {
        char chosen = '\0';
        void Consider(Ps315Option option, char action)
        {
            if (action == '\0' || !options.Contains(option)) return;
            if (action == 'K' || chosen == '\0') chosen = action;
        }

        Consider(Ps315Option.RetainLongitudinalFullDates, entry.FullDates);
        Consider(Ps315Option.RetainLongitudinalModifiedDates, entry.ModifiedDates);
        Consider(Ps315Option.RetainPatientCharacteristics, entry.PatientCharacteristics);
        Consider(Ps315Option.RetainDeviceIdentity, entry.DeviceIdentity);
        Consider(Ps315Option.RetainUids, entry.Uids);
        Consider(Ps315Option.RetainInstitutionIdentity, entry.InstitutionIdentity);
        Consider(Ps315Option.CleanDescriptors, entry.Descriptors);
        Consider(Ps315Option.CleanStructuredContent, entry.StructuredContent);
        Consider(Ps315Option.CleanGraphics, entry.Graphics);
        if (chosen == 'K') return Ps315Action.Keep;
        if (chosen == 'C') return Ps315Action.Clean;
        return entry.Basic switch
        {
            "K" => Ps315Action.Keep,
            "C" => Ps315Action.Clean,
            "X" => Ps315Action.Remove,
            "Z" => Ps315Action.Empty,
            "U" => Ps315Action.Uid,
            "D" => Ps315Action.Dummy,
            "X/Z/U*" => isSequence ? Ps315Action.KeepItems : Ps315Action.Empty,
            "X/Z" or "X/D" or "X/Z/D" when isSequence => IdentifiesSomeone(entry) ? Ps315Action.Remove : Ps315Action.KeepItems,
            "Z/D" when isSequence => Ps315Action.KeepItems,
            "X/Z" => Ps315Action.Empty,
            "X/D" or "Z/D" or "X/Z/D" => Ps315Action.Dummy,
            _ => throw new InvalidOperationException($"unknown PS3.15 action {entry.Basic}"),
        };
    }
}
