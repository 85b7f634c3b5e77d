using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

/// <summary>
/// Where an owner's remarks stand in OpenIM's per-owner version log (state <c>userfriends.sync</c>):
/// written after the buckets a sync changed, so a crash between them only repeats that sync.
/// <see cref="FetchStartedUnixMs"/> is when the stored sync began to ask OpenIM: a callback's change
/// after it is not verified yet. <see cref="FullAtUnixMs"/> is the last re-baseline.
/// </summary>
public sealed record SyncMark(
    [property: JsonPropertyName("vid")] string VersionId,
    [property: JsonPropertyName("v")] long Version,
    [property: JsonPropertyName("at")] long SyncedAtUnixMs,
    [property: JsonPropertyName("from")] long FetchStartedUnixMs,
    [property: JsonPropertyName("fullAt")] long FullAtUnixMs)
{
    public static readonly SyncMark Never = new();

    /// <summary>Never synced. The provider needs this constructor.</summary>
    public SyncMark()
        : this("", 0, 0, 0, 0)
    {
    }
}
