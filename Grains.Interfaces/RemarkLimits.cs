namespace OrleansRemarks.Grains.Interfaces;

public static class RemarkLimits
{
    public const int MaxPageSize = 1000;
    public const int MaxLookupIds = 1000;
    /// <summary>How many of a pair's most recent applied changes are remembered for deduplication.</summary>
    public const int RememberedChangesPerFriend = 4;
}
