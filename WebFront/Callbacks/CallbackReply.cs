using System.Text.Json.Serialization;
using OrleansRemarks.WebFront.Input;

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

/// <summary>
/// The <c>errCode</c> of a callback reply. OpenIM reserves 20001–29999 for the receiver's codes.
/// 200xx: the request is wrong and will never succeed as sent (HTTP 400).
/// 250xx: this service could not do it now (HTTP 503 / 500).
/// </summary>
public enum CallbackErrorCode
{
    None = 0,

    /// <summary>The body is empty or not well-formed UTF-8 JSON.</summary>
    BodyNotJson = 20001,

    /// <summary>The body is JSON but not an object, or a known field has a type other than string.</summary>
    WrongFieldType = 20002,

    /// <summary><c>ownerUserID</c> is missing, null or "".</summary>
    MissingOwnerUserId = 20003,

    /// <summary><c>friendUserID</c> is missing, null or "".</summary>
    MissingFriendUserId = 20004,

    /// <summary><c>remark</c> is missing or null on an after-set-remark callback ("" clears and is fine).</summary>
    MissingRemark = 20005,

    /// <summary>The body's <c>callbackCommand</c> is missing or differs from the command in the path.</summary>
    CommandMismatch = 20006,

    /// <summary>The body is larger than <c>Callback:MaxBodyBytes</c>.</summary>
    BodyTooLarge = 20007,

    /// <summary>The owner's grain refused the values (it threw <see cref="ArgumentException"/>).</summary>
    InvalidValue = 20008,

    /// <summary><c>ownerUserID</c> is longer than <see cref="InputRules.MaxUserIdBytes"/> UTF-8 bytes or holds a control character (C0, DEL, C1, U+2028, U+2029).</summary>
    InvalidOwnerUserId = 20009,

    /// <summary><c>friendUserID</c> is longer than <see cref="InputRules.MaxUserIdBytes"/> UTF-8 bytes or holds a control character (C0, DEL, C1, U+2028, U+2029).</summary>
    InvalidFriendUserId = 20010,

    /// <summary><c>remark</c> is longer than <c>Callback:MaxRemarkBytes</c> UTF-8 bytes.</summary>
    RemarkTooLong = 20011,

    /// <summary>The <c>operationID</c> header is longer than <see cref="InputRules.MaxOperationIdBytes"/> UTF-8 bytes or holds a control character.</summary>
    InvalidOperationId = 20012,

    /// <summary>Storage or the Orleans cluster is unavailable; nothing was stored (HTTP 503).</summary>
    Unavailable = 25001,

    /// <summary>An unexpected failure in this service (HTTP 500).</summary>
    InternalError = 25002,
}

public static class CallbackErrorMessages
{
    /// <summary>The short <c>errMsg</c> of each code; details go to <c>errDlt</c>.</summary>
    public static string ShortMessage(CallbackErrorCode code) => code switch
    {
        CallbackErrorCode.None => "",
        CallbackErrorCode.BodyNotJson => "body is not JSON",
        CallbackErrorCode.WrongFieldType => "field has the wrong type",
        CallbackErrorCode.MissingOwnerUserId => "ownerUserID is missing",
        CallbackErrorCode.MissingFriendUserId => "friendUserID is missing",
        CallbackErrorCode.MissingRemark => "remark is missing",
        CallbackErrorCode.CommandMismatch => "callbackCommand does not match the path",
        CallbackErrorCode.BodyTooLarge => "body too large",
        CallbackErrorCode.InvalidValue => "invalid value",
        CallbackErrorCode.InvalidOwnerUserId => "ownerUserID is invalid",
        CallbackErrorCode.InvalidFriendUserId => "friendUserID is invalid",
        CallbackErrorCode.RemarkTooLong => "remark too long",
        CallbackErrorCode.InvalidOperationId => "operationID is invalid",
        CallbackErrorCode.Unavailable => "service unavailable",
        CallbackErrorCode.InternalError => "internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown callback error code."),
    };
}

/// <summary>Why a callback body was refused; <paramref name="Detail"/> becomes the reply's <c>errDlt</c>.</summary>
public sealed record CallbackRejection(CallbackErrorCode Code, string Detail);

/// <summary>How one callback ended; the <c>outcome</c> label of <c>orleansremarks_callbacks_total</c>.</summary>
public enum CallbackOutcome
{
    /// <summary>The change was stored: the owner's version grew by one.</summary>
    Applied,

    /// <summary>The change equals what is stored; nothing was written.</summary>
    Unchanged,

    /// <summary>A replay of a change the pair remembers, applied or answered unchanged (same operationID and remark); nothing was written.</summary>
    Duplicate,

    /// <summary>Refused as sent (errCode 200xx, HTTP 400); nothing was stored.</summary>
    Rejected,

    /// <summary>Storage or the cluster failed, timed out, or an unexpected error (errCode 250xx, HTTP 503/500).</summary>
    Failed,

    /// <summary>A command this service does not act on (before-callbacks while every <c>Policy:*</c> rule is off, anything else): answered "continue" at once.</summary>
    Ignored,

    /// <summary>A before-set-remark callback answered by the remark policy (see <c>orleansremarks_policy_decisions_total</c>).</summary>
    Decided,
}
