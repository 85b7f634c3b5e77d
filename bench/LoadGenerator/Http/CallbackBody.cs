using System.Text;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>The after-set-friend-remark body byte for byte as OpenIM's Go encoder writes it, trailing newline included.</summary>
public static class CallbackBody
{
    public const string Command = "callbackAfterSetFriendRemarkCommand";

    public static byte[] Encode(string owner, string friend, string remark)
    {
        var json = new StringBuilder(128 + remark.Length);
        json.Append("{\"callbackCommand\":");
        GoJson.AppendString(json, Command);
        json.Append(",\"ownerUserID\":");
        GoJson.AppendString(json, owner);
        json.Append(",\"friendUserID\":");
        GoJson.AppendString(json, friend);
        json.Append(",\"remark\":");
        GoJson.AppendString(json, remark);
        json.Append("}\n");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
