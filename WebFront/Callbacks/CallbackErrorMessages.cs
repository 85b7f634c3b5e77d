namespace OrleansRemarks.WebFront.Callbacks;

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
