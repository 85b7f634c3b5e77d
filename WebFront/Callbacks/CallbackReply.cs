using System.Text.Json.Serialization;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// The reply OpenIM parses (it never looks at the HTTP status). Every code is a JSON number:
/// OpenIM cannot parse <c>"nextCode":"0"</c>, and for a before-callback that fails the user's operation.
/// </summary>
public sealed record CallbackReply(
    [property: JsonPropertyName("actionCode")] int ActionCode,
    [property: JsonPropertyName("errCode")] int ErrCode,
    [property: JsonPropertyName("errMsg")] string ErrMsg,
    [property: JsonPropertyName("errDlt")] string ErrDlt,
    [property: JsonPropertyName("nextCode")] int NextCode)
{
    /// <summary>
    /// Before-set-remark only: the remark OpenIM stores instead of the one it sent (the remark policy's
    /// normalisation). Left out of the JSON when null; OpenIM ignores an empty one.
    /// </summary>
    [JsonPropertyName("remark")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Remark { get; init; }

    /// <summary>Success, and for a before-callback "let OpenIM continue".</summary>
    public static CallbackReply Continue { get; } = new(0, 0, "", "", 0);

    /// <summary>
    /// <c>actionCode</c> 1 marks our failure; <c>nextCode</c> stays 0 so that, were it ever sent to a
    /// before-callback, OpenIM would still continue the user's operation rather than refuse it.
    /// </summary>
    public static CallbackReply Failure(CallbackErrorCode code, string detail) =>
        new(1, (int)code, CallbackErrorMessages.ShortMessage(code), detail, 0);
}
