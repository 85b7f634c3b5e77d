using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

public sealed record LookupResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<RemarkResponse> Items);
