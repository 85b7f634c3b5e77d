using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Policy;

/// <summary>The body of <c>GET /api/v1/policy</c>: the rules in force on this web front.</summary>
public sealed record PolicyResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("maxLength")] int MaxLength,
    [property: JsonPropertyName("blockedTerms")] IReadOnlyList<string> BlockedTerms,
    [property: JsonPropertyName("normalize")] bool Normalize,
    [property: JsonPropertyName("maxChangesPerOwnerPerMinute")] int MaxChangesPerOwnerPerMinute,
    [property: JsonPropertyName("timeoutMilliseconds")] int TimeoutMilliseconds,
    [property: JsonPropertyName("loadedAt")] DateTimeOffset LoadedAt,
    [property: JsonPropertyName("reloadError")] string? ReloadError);
