namespace PixelScrub.Review;

/// <summary>The page cannot start: no report, a report that is not JSONL, a state file that cannot be opened.</summary>
public sealed class ReviewSetupException(string message, Exception? inner = null) : Exception(message, inner);
