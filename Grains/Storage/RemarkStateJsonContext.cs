using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BucketLayout))]
[JsonSerializable(typeof(RemarkBucket))]
[JsonSerializable(typeof(SyncMark))]
[JsonSerializable(typeof(Sync.SweepState))]
internal sealed partial class RemarkStateJsonContext : JsonSerializerContext;
