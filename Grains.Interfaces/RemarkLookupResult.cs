namespace OrleansRemarks.Grains.Interfaces;

/// <param name="Items">Only the requested friends that have a remark, in request order.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookupResult")]
public sealed record RemarkLookupResult(
    [property: Id(0)] IReadOnlyList<FriendRemark> Items);
