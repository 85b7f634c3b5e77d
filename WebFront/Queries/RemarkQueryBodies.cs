using System.Text.Json.Serialization;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>Body of <c>POST …/remarks:lookup</c>; elements are nullable so a null can be reported, not crash.</summary>
public sealed record RemarkLookupRequest(
    [property: JsonPropertyName("friendUserIDs")] IReadOnlyList<string?>? FriendUserIds);

/// <param name="Items">Only the requested friends that have a remark, in request order.</param>
public sealed record RemarkLookupResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items);

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record RemarkPageResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);

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
