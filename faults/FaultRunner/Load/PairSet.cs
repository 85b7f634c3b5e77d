namespace OrleansRemarks.FaultRunner.Load;

/// <summary>The (owner, friend) pairs of one scenario: owners × friends, IDs unique to the run and scenario.</summary>
public static class PairSet
{
    /// <param name="rampUp">Pairs become eligible evenly over this period (zero: all at once).</param>
    public static IReadOnlyList<RemarkPair> Create(string ownerPrefix, int owners, int friendsPerOwner, TimeSpan rampUp)
    {
        var start = DateTimeOffset.UtcNow;
        var total = owners * friendsPerOwner;
        var pairs = new List<RemarkPair>(total);
        for (var owner = 0; owner < owners; owner++)
        {
            for (var friend = 0; friend < friendsPerOwner; friend++)
            {
                var index = pairs.Count;
                pairs.Add(new RemarkPair(index, $"{ownerPrefix}-o{owner}", $"f{friend}")
                {
                    // Owner by owner, so an owner's first activation happens at its ramp time.
                    EligibleAt = start + (rampUp * owner / owners),
                });
            }
        }

        return pairs;
    }
}
