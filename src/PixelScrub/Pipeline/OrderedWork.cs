using System.Collections.Concurrent;

namespace PixelScrub.Pipeline;

/// <summary>
/// Maps items on up to <c>jobs</c> threads, results in input order. Each thread takes the next item when it is done
/// with its last (no buffering): PLINQ over a list otherwise splits it into one fixed range per thread, and a folder
/// whose costly files sort together (a run of ultrasounds after cheap ones) left one thread idle while the other worked
/// through the costly range (`scan` on the benchmark's 10 ultrasounds: 5 light files on one thread, 5 heavy on the other).
/// </summary>
internal static class OrderedWork
{
    public static IEnumerable<TResult> Map<TItem, TResult>(IEnumerable<TItem> items, int jobs, Func<TItem, TResult> map) =>
        Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering)
            .AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, jobs)).Select(map);
}
