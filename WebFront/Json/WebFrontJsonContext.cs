using System.Text.Json.Serialization;
using OrleansRemarks.WebFront.Callbacks;
using OrleansRemarks.WebFront.Policy;
using OrleansRemarks.WebFront.Queries;
using OrleansRemarks.WebFront.Sync;

namespace OrleansRemarks.WebFront.Json;

/// <summary>
/// Source-generated serialisation of every request and response body. Property names are spelled
/// out with [JsonPropertyName] (OpenIM's "ownerUserID", not "ownerUserId") and matched exactly.
/// </summary>
[JsonSerializable(typeof(CallbackReply))]
[JsonSerializable(typeof(FriendCallbackBody))]
[JsonSerializable(typeof(RemarkResponse))]
[JsonSerializable(typeof(RemarkPageResponse))]
[JsonSerializable(typeof(RemarkLookupRequest))]
[JsonSerializable(typeof(RemarkLookupResponse))]
[JsonSerializable(typeof(SyncReportResponse))]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(PolicyResponse))]
public sealed partial class WebFrontJsonContext : JsonSerializerContext;
