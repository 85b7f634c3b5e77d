using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Queries;

/// <param name="Items">Only the requested friends that have a remark, in request order.</param>
public sealed record RemarkLookupResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items);
