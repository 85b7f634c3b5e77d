using System.Text.Json;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// A callback reply decoded the way OpenIM's Go server decodes it (encoding/json into its
/// CallbackResp struct plus the before-set-remark <c>remark</c>): field names matched without regard
/// to case, unknown fields ignored, <c>null</c> leaves the zero value, and a code that is not a JSON
/// number fitting int32 is a decoding error, which for a before-callback fails the user's operation.
/// </summary>
public sealed record OpenImReply(int ActionCode, int ErrCode, string ErrMsg, string ErrDlt, int NextCode, string Remark)
{
    /// <summary>OpenIM refuses the operation only for actionCode 0 with nextCode 1.</summary>
    public bool Refuses => ActionCode == 0 && NextCode == 1;

    /// <summary>OpenIM replaces the remark it stores only with a non-empty one.</summary>
    public string? Replacement => Remark.Length > 0 ? Remark : null;

    public static OpenImReply Decode(string body)
    {
        using var document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        int actionCode = 0, errCode = 0, nextCode = 0;
        string errMsg = "", errDlt = "", remark = "";
        foreach (var field in document.RootElement.EnumerateObject())
        {
            switch (field.Name.ToLowerInvariant())
            {
                case "actioncode":
                    actionCode = Int32(field);
                    break;
                case "errcode":
                    errCode = Int32(field);
                    break;
                case "nextcode":
                    nextCode = Int32(field);
                    break;
                case "errmsg":
                    errMsg = Text(field);
                    break;
                case "errdlt":
                    errDlt = Text(field);
                    break;
                case "remark":
                    remark = Text(field);
                    break;
            }
        }

        return new OpenImReply(actionCode, errCode, errMsg, errDlt, nextCode, remark);
    }

    private static int Int32(JsonProperty field)
    {
        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        Assert.True(field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out _),
            $"Go cannot decode {field.Name}={field.Value.GetRawText()} into an int32: OpenIM would fail the user's operation.");
        return field.Value.GetInt32();
    }

    private static string Text(JsonProperty field)
    {
        Assert.True(field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null,
            $"Go cannot decode {field.Name}={field.Value.GetRawText()} into a string.");
        return field.Value.GetString() ?? "";
    }
}
