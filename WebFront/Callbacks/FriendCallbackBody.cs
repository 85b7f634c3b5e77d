using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// The body of OpenIM's friend callbacks as it arrives (after-set-remark adds <c>remark</c>); every
/// field may be absent, so validation can say which one is. Unknown fields are ignored.
/// </summary>
public sealed record FriendCallbackBody(
    [property: JsonPropertyName("callbackCommand")] string? CallbackCommand,
    [property: JsonPropertyName("ownerUserID")] string? OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string? FriendUserId,
    [property: JsonPropertyName("remark")] string? Remark);
