namespace OrleansRemarks.Grains.Interfaces;

/// <param name="Limit">1 to <see cref="RemarkLimits.MaxPageSize"/>.</param>
/// <param name="AfterFriendUserId">Keyset cursor: the page starts after this friend ID (ordinal order); null for the first page.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPageRequest")]
public sealed record RemarkPageRequest(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? AfterFriendUserId);
