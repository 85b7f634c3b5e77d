namespace OrleansRemarks.Grains.Interfaces;

// What the owner grain answers reads with. Wire contracts: keep every [Id] and [Alias] as they are.

/// <param name="UpdatedAt">UTC, by the silo clock, when the remark was applied.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.FriendRemark")]
public sealed record FriendRemark(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark,
    [property: Id(2)] DateTimeOffset UpdatedAt);

/// <param name="Limit">1 to <see cref="RemarkLimits.MaxPageSize"/>.</param>
/// <param name="AfterFriendUserId">Keyset cursor: the page starts after this friend ID (ordinal order); null for the first page.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPageRequest")]
public sealed record RemarkPageRequest(
    [property: Id(0)] int Limit,
    [property: Id(1)] string? AfterFriendUserId);

/// <param name="NextAfterFriendUserId">The cursor for the next page, or null when this page is the last.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPage")]
public sealed record RemarkPage(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items,
    [property: Id(1)] string? NextAfterFriendUserId);

[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookup")]
public sealed record RemarkLookup(
    [property: Id(0)] IReadOnlyList<string> FriendUserIds);

/// <param name="Items">Only the requested friends that have a remark, in request order.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookupResult")]
public sealed record RemarkLookupResult(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items);
