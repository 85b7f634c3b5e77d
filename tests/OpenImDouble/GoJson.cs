using System.Text;

namespace OrleansRemarks.OpenImDouble;

/// <summary>
/// Writes JSON byte-for-byte the way Go's encoding/json does for OpenIM's callback structs: fields
/// in struct order, no spaces, '&lt;' '&gt;' '&amp;' as \u003c \u003e \u0026, U+2028/U+2029 escaped,
/// other non-ASCII as raw UTF-8, and json.NewEncoder's trailing newline.
/// </summary>
public static class GoJson
{
    public static byte[] FriendRemarkCallback(string command, string ownerUserId, string friendUserId, string remark) =>
        Object(("callbackCommand", command), ("ownerUserID", ownerUserId), ("friendUserID", friendUserId), ("remark", remark));

    public static byte[] DeleteFriendCallback(string ownerUserId, string friendUserId) =>
        Object(("callbackCommand", "callbackAfterDeleteFriendCommand"), ("ownerUserID", ownerUserId), ("friendUserID", friendUserId));

    /// <summary>An object of string fields, in the given order.</summary>
    public static byte[] Object(params (string Name, string Value)[] fields)
    {
        var json = new StringBuilder(64);
        json.Append('{');
        foreach (var (name, value) in fields)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, name).Append(':');
            AppendString(json, value);
        }

        return Encoding.UTF8.GetBytes(json.Append("}\n").ToString());
    }

    /// <summary>Go's encodeState.string with HTML escaping on (the default of json.Marshal and json.Encoder).</summary>
    public static string String(string value) => AppendString(new StringBuilder(value.Length + 2), value).ToString();

    /// <summary><see cref="String"/> written into <paramref name="json"/>, for callers that build a larger body.</summary>
    public static StringBuilder AppendString(StringBuilder json, string value)
    {
        const string Hex = "0123456789abcdef";
        json.Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"' or '\\':
                    json.Append('\\').Append(character);
                    break;
                case '\b':
                    json.Append("\\b");
                    break;
                case '\f':
                    json.Append("\\f");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&':
                    json.Append("\\u00").Append(Hex[character >> 4]).Append(Hex[character & 0xF]);
                    break;
                case '\u2028' or '\u2029':
                    json.Append("\\u202").Append(Hex[character & 0xF]);
                    break;
                default:
                    json.Append(character);
                    break;
            }
        }

        return json.Append('"');
    }
}
