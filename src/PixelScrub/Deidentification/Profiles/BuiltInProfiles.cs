namespace PixelScrub.Deidentification.Profiles;

/// <summary>PixelScrub's own header profiles: <c>ps3.15-basic</c> with options joined by '+'.</summary>
internal sealed class BuiltInProfiles(Func<string, string?> environment) : IHeaderProfiles
{
    public BuiltInProfiles() : this(Environment.GetEnvironmentVariable)
    {
    }

    public IReadOnlyList<string> Names { get; } = [Ps315Options.BaseName + "[+option...]"];

    public bool TryCreate(string spec, HeaderSettings settings, out IHeaderAnonymizer anonymizer)
    {
        anonymizer = null!;
        if (!Ps315Options.TryParse(spec, out var options)) return false;
        anonymizer = Ps315Profile.Create(options, settings.Parameters, environment);
        return true;
    }
}
