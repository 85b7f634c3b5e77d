using OrleansRemarks.OpenImDouble;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>The after-set-friend-remark body byte for byte as OpenIM's Go encoder writes it, trailing newline included.</summary>
public static class CallbackBody
{
    public const string Command = "callbackAfterSetFriendRemarkCommand";

    /// <summary>OpenIM's before-set-remark command: the same four fields, answered by the remark policy.</summary>
    public const string BeforeCommand = "callbackBeforeSetFriendRemarkCommand";

    public static byte[] Encode(string owner, string friend, string remark) => Encode(Command, owner, friend, remark);

    public static byte[] Encode(string command, string owner, string friend, string remark) =>
        GoJson.FriendRemarkCallback(command, owner, friend, remark);
}
