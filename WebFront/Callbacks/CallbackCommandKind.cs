namespace OrleansRemarks.WebFront.Callbacks;

public enum CallbackCommandKind
{
    /// <summary>A remark was set or cleared: stored before the reply.</summary>
    AfterSetFriendRemark,

    /// <summary>A friendship ended: the remark is removed before the reply.</summary>
    AfterDeleteFriend,

    /// <summary>Synchronous: OpenIM's user waits, so it is answered "continue" at once, body unread.</summary>
    BeforeSetFriendRemark,

    /// <summary>Any command of the shared webhook URL that this service does not handle: "continue".</summary>
    Other,
}
