namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>A validated friend callback. <paramref name="Remark"/> is null only for after-delete-friend.</summary>
public sealed record FriendCallback(string OwnerUserId, string FriendUserId, string? Remark);
