namespace PixelScrub.Rules.Learning;

/// <summary>What `rules learn` did: files read, files that could not be read (with why), the recipe's labels.</summary>
internal sealed record LearnResult(int FilesRead, IReadOnlyList<(string File, string Error)> Failed, int Labels, int SignaturesWithoutPhi);
