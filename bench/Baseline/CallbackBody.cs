using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

/// <summary>OpenIM's after-set-friend-remark body.</summary>
public sealed record CallbackBody(
    [property: JsonPropertyName("callbackCommand")] string? CallbackCommand,
    [property: JsonPropertyName("ownerUserID")] string? OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string? FriendUserId,
    [property: JsonPropertyName("remark")] string? Remark);
