namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>The OpenIM callback commands this service acts on; every other command is answered "continue".</summary>
public static class CallbackCommands
{
    public const string AfterSetFriendRemark = "callbackAfterSetFriendRemarkCommand";

    /// <summary>The name OpenIM v3.6 and older used.</summary>
    public const string AfterSetFriendRemarkLegacy = "callbackAfterSetFriendRemark";

    public const string BeforeSetFriendRemark = "callbackBeforeSetFriendRemarkCommand";

    /// <summary>The name OpenIM v3.6 and older used.</summary>
    public const string BeforeSetFriendRemarkLegacy = "callbackBeforeSetFriendRemark";

    public const string AfterDeleteFriend = "callbackAfterDeleteFriendCommand";

    /// <summary>Commands are compared ordinally, exactly as OpenIM spells them.</summary>
    public static CallbackCommandKind Classify(string command) => command switch
    {
        AfterSetFriendRemark or AfterSetFriendRemarkLegacy => CallbackCommandKind.AfterSetFriendRemark,
        AfterDeleteFriend => CallbackCommandKind.AfterDeleteFriend,
        BeforeSetFriendRemark or BeforeSetFriendRemarkLegacy => CallbackCommandKind.BeforeSetFriendRemark,
        _ => CallbackCommandKind.Other,
    };
}

public enum CallbackCommandKind
{
    /// <summary>A remark was set or cleared: stored before the reply.</summary>
    AfterSetFriendRemark,

    /// <summary>A friendship ended: the remark is removed before the reply.</summary>
    AfterDeleteFriend,

    /// <summary>
    /// Synchronous: OpenIM's user waits. Decided by the remark policy when a <c>Policy:*</c> rule is on,
    /// else answered "continue" at once, body unread.
    /// </summary>
    BeforeSetFriendRemark,

    /// <summary>Any command of the shared webhook URL that this service does not handle: "continue".</summary>
    Other,
}

/// <summary>
/// OpenIM's <c>operationID</c> header (<c>Operationid</c> on HTTP/1.1, <c>operationid</c> on HTTP/2);
/// ASP.NET Core's header lookup ignores case.
/// </summary>
public static class OperationIdHeader
{
    public const string Name = "operationID";

    /// <summary>The first non-empty value, or null.</summary>
    public static string? Read(HttpRequest request) =>
        request.Headers[Name].FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
