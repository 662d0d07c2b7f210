namespace PixelScrub.Deidentification;

/// <summary>Built-in header profiles by name ("ps3.15-basic+retain-uids").</summary>
internal interface IHeaderProfiles
{
    /// <summary>The base names, for messages and help.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>True when the spec names one of these profiles; throws <see cref="ArgumentException"/> for a bad option.</summary>
    bool TryCreate(string spec, HeaderSettings settings, out IHeaderAnonymizer anonymizer);
}
