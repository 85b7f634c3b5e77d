using System.Text.Json.Serialization;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Queries;

/// <param name="UpdatedAt">UTC (<see cref="DateTimeKind.Utc"/>), so it is written as ISO-8601 ending in "Z".</param>
public sealed record RemarkResponse(
    [property: JsonPropertyName("ownerUserID")] string OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string FriendUserId,
    [property: JsonPropertyName("remark")] string Remark,
    [property: JsonPropertyName("updatedAt")] DateTime UpdatedAt)
{
    public static RemarkResponse From(string ownerUserId, FriendRemark remark) =>
        new(ownerUserId, remark.FriendUserId, remark.Remark, remark.UpdatedAt.UtcDateTime);
}
