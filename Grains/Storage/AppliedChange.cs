using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <param name="OperationId">OpenIM's operationID, or null when none was sent.</param>
/// <param name="Remark">The remark set; "" for a clear, null for a friend deletion.</param>
/// <param name="AppliedAtUnixMs">Silo clock, UTC milliseconds.</param>
/// <remarks>
/// A struct, stored inline in its entry's history array: every applied change outlives at least one
/// garbage collection, and each object fewer per change shortens the pause of every collection.
/// </remarks>
public readonly record struct AppliedChange(
    [property: JsonPropertyName("o")] string? OperationId,
    [property: JsonPropertyName("r")] string? Remark,
    [property: JsonPropertyName("t")] long AppliedAtUnixMs)
{
    [JsonIgnore]
    public bool LeavesRemark => !string.IsNullOrEmpty(Remark);
}
