using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Queries;

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record RemarkPageResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);
