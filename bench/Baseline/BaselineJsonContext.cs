using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

[JsonSerializable(typeof(CallbackBody))]
[JsonSerializable(typeof(CallbackReply))]
[JsonSerializable(typeof(RemarkResponse))]
[JsonSerializable(typeof(LookupRequest))]
[JsonSerializable(typeof(LookupResponse))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
