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
