using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>Body of <c>POST …/remarks:lookup</c>; elements are nullable so a null can be reported, not crash.</summary>
public sealed record RemarkLookupRequest(
    [property: JsonPropertyName("friendUserIDs")] IReadOnlyList<string?>? FriendUserIds);
