namespace OrleansRemarks.Grains.Interfaces;

/// <summary>The owner is no longer friends with <paramref name="FriendUserId"/>: its remark goes too.</summary>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.FriendRemoval")]
public sealed record FriendRemoval(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string? OperationId);
