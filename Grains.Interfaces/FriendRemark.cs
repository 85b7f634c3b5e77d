namespace OrleansRemarks.Grains.Interfaces;

/// <param name="UpdatedAt">UTC, by the silo clock, when the remark was applied.</param>
[GenerateSerializer, Immutable, Alias("OrleansRemarks.FriendRemark")]
public sealed record FriendRemark(
    [property: Id(0)] string FriendUserId,
    [property: Id(1)] string Remark,
    [property: Id(2)] DateTimeOffset UpdatedAt);
