namespace OrleansRemarks.Grains.Interfaces;

/// <param name="NextAfterFriendUserId">The cursor for the next page, or null when this page is the last.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkPage")]
public sealed record RemarkPage(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items,
    [property: Id(1)] string? NextAfterFriendUserId);
