namespace OrleansRemarks.WebFront.Callbacks;

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

    /// <summary><c>ownerUserID</c> is longer than 256 UTF-8 bytes or holds a control character (C0, DEL, C1, U+2028, U+2029).</summary>
    InvalidOwnerUserId = 20009,

    /// <summary><c>friendUserID</c> is longer than 256 UTF-8 bytes or holds a control character (C0, DEL, C1, U+2028, U+2029).</summary>
    InvalidFriendUserId = 20010,

    /// <summary><c>remark</c> is longer than <c>Callback:MaxRemarkBytes</c> UTF-8 bytes.</summary>
    RemarkTooLong = 20011,

    /// <summary>The <c>operationID</c> header is longer than 256 UTF-8 bytes or holds a control character.</summary>
    InvalidOperationId = 20012,

    /// <summary>Storage or the Orleans cluster is unavailable; nothing was stored (HTTP 503).</summary>
    Unavailable = 25001,

    /// <summary>An unexpected failure in this service (HTTP 500).</summary>
    InternalError = 25002,
}
