namespace PixelScrub.Tests;

/// <summary>
/// Tests that measure the whole process (its allocations) run in this collection: xUnit runs it after the others, with
/// nothing beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
