using System.Text;
using OrleansRemarks.OpenImDouble;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>Paths and JSON bodies of the API, shared by both clients.</summary>
public static class RequestText
{
    public const string CallbackPath = "/callbackExample/" + CallbackBody.Command;

    public const string BeforeCallbackPath = "/callbackExample/" + CallbackBody.BeforeCommand;

    public static string RemarkPath(string owner, string friend) =>
        $"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks/{Uri.EscapeDataString(friend)}";

    public static string LookupPath(string owner) => $"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks:lookup";

    public static byte[] LookupBody(IReadOnlyList<string> friends)
    {
        var json = new StringBuilder(32 + (friends.Count * 16));
        json.Append("{\"friendUserIDs\":[");
        for (var i = 0; i < friends.Count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            GoJson.AppendString(json, friends[i]);
        }

        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
