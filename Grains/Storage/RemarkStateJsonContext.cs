using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Storage;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BucketLayout))]
[JsonSerializable(typeof(RemarkBucket))]
internal sealed partial class RemarkStateJsonContext : JsonSerializerContext;
