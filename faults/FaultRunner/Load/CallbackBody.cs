using System.Text.Json.Serialization;

namespace OrleansRemarks.FaultRunner.Load;

/// <summary>The body OpenIM sends for callbackAfterSetFriendRemarkCommand.</summary>
public sealed record CallbackBody(
    [property: JsonPropertyName("callbackCommand")] string CallbackCommand,
    [property: JsonPropertyName("ownerUserID")] string OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string FriendUserId,
    [property: JsonPropertyName("remark")] string Remark);
