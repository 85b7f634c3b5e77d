using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

public sealed record LookupRequest(
    [property: JsonPropertyName("friendUserIDs")] IReadOnlyList<string>? FriendUserIds);
