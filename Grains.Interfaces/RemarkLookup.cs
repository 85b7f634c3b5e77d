namespace OrleansRemarks.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("OrleansRemarks.RemarkLookup")]
public sealed record RemarkLookup(
    [property: Id(0)] IReadOnlyList<string> FriendUserIds);
