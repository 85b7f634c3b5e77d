using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

// The baseline receiver's bodies: the same JSON as the service's callback and query contracts.

/// <summary>OpenIM's after-set-friend-remark body.</summary>
public sealed record CallbackBody(
    [property: JsonPropertyName("callbackCommand")] string? CallbackCommand,
    [property: JsonPropertyName("ownerUserID")] string? OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string? FriendUserId,
    [property: JsonPropertyName("remark")] string? Remark);

public sealed record CallbackReply(
    [property: JsonPropertyName("actionCode")] int ActionCode,
    [property: JsonPropertyName("errCode")] int ErrCode,
    [property: JsonPropertyName("errMsg")] string ErrMsg,
    [property: JsonPropertyName("errDlt")] string ErrDlt,
    [property: JsonPropertyName("nextCode")] int NextCode)
{
    public static CallbackReply Continue { get; } = new(0, 0, "", "", 0);

    public static CallbackReply Failure(string message) => new(1, 20001, message, "", 0);
}

public sealed record RemarkResponse(
    [property: JsonPropertyName("ownerUserID")] string OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string FriendUserId,
    [property: JsonPropertyName("remark")] string Remark,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt);

public sealed record LookupRequest(
    [property: JsonPropertyName("friendUserIDs")] IReadOnlyList<string>? FriendUserIds);

public sealed record LookupResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items);

[JsonSerializable(typeof(CallbackBody))]
[JsonSerializable(typeof(CallbackReply))]
[JsonSerializable(typeof(RemarkResponse))]
[JsonSerializable(typeof(LookupRequest))]
[JsonSerializable(typeof(LookupResponse))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
