using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

public sealed record RemarkResponse(
    [property: JsonPropertyName("ownerUserID")] string OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string FriendUserId,
    [property: JsonPropertyName("remark")] string Remark,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt);
