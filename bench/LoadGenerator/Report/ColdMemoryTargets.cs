using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>The cold-owner and memory targets of issue #14 (items 2 and 3), from one run.</summary>
public static class ColdMemoryTargets
{
    public static double? LargeOverSmall(ColdReport? cold) =>
        cold is { LargeP50Ms: { } large, SmallP50Ms: > 0 } ? Math.Round(large / cold.SmallP50Ms, 2) : null;

    public static double? SmallOverBaseline(ColdReport? cold) =>
        cold is { BaselineP50Ms: > 0 } ? Math.Round(cold.SmallP50Ms / cold.BaselineP50Ms, 2) : null;

    public static IReadOnlyList<TargetCheck> Check(string topology, ColdReport? cold, MemoryResult? memory, Ratios ratios)
    {
        var checks = new List<TargetCheck>();
        if (cold is not null)
        {
            var largeP50 = cold.LargeP50Ms ?? double.NaN;
            var largeOverSmall = ratios.ColdLargeOverSmall ?? double.NaN;
            var smallOverBaseline = ratios.ColdSmallOverBaseline ?? double.NaN;
            checks.Add(new("cold large owner", topology, $"first read of a {cold.LargeFriends:N0}-friend owner, p50 ≤ 30 ms", largeP50, largeP50 <= 30));
            checks.Add(new("cold large / small", topology, $"first read p50, {cold.LargeFriends:N0} friends ≤ 4 × {cold.SmallFriends} friends", largeOverSmall, largeOverSmall <= 4));
            checks.Add(new("cold small / baseline", topology, $"first read p50, {cold.SmallFriends} friends ≤ 2 × the baseline's first read of a row", smallOverBaseline, smallOverBaseline <= 2));
        }

        if (memory is not null)
        {
            checks.Add(new("memory per remark", Topologies.Separate, $"silo heap after a full collection ≤ 300 B per remark held ({memory.Remarks:N0} remarks)",
                memory.BytesPerRemarkHeap, memory.BytesPerRemarkHeap <= 300));
        }

        return checks;
    }
}
