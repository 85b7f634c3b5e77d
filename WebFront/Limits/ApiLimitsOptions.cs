using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Limits;

/// <summary>Size limits of the query API (section <c>Api</c>).</summary>
public sealed class ApiLimitsOptions
{
    public const string SectionName = "Api";

    public const int DefaultMaxBodyBytes = 1024 * 1024;

    public const int LargestMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Larger request bodies (today only <c>remarks:lookup</c> has one) are answered 413.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Most friend IDs in one <c>remarks:lookup</c>; at most the grain's own bound.</summary>
    public int MaxLookupIds { get; set; } = RemarkLimits.MaxLookupIds;

    /// <summary>Largest <c>limit</c> of a page of remarks; at most the grain's own bound.</summary>
    public int MaxPageSize { get; set; } = RemarkLimits.MaxPageSize;
}
