using System.Net;
using System.Text.Json;

namespace OrleansRemarks.Tests.Http;

/// <summary>What the web front answered to one callback.</summary>
public sealed record CallbackResponse(HttpStatusCode Status, string? ContentType, string Body)
{
    public const string SuccessBody = """{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}""";

    /// <summary>The reply exactly as OpenIM's success reply must be: 200 and every code a JSON number 0.</summary>
    public void AssertSuccess()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Body}");
        Assert.Equal(SuccessBody, Body);
        Assert.StartsWith("application/json", ContentType);
    }

    /// <summary>A failure reply: the given status, actionCode != 0, the given errCode, codes as JSON numbers, texts filled.</summary>
    public void AssertFailure(HttpStatusCode status, int errCode, string context = "")
    {
        Assert.True(Status == status, $"{context}: expected {(int)status}, got {(int)Status}: {Body}");
        using var reply = JsonDocument.Parse(Body);
        var root = reply.RootElement;
        foreach (var code in new[] { "actionCode", "errCode", "nextCode" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(code).ValueKind);
        }

        Assert.NotEqual(0, root.GetProperty("actionCode").GetInt32());
        Assert.True(errCode == root.GetProperty("errCode").GetInt32(), $"{context}: expected errCode {errCode}: {Body}");
        Assert.Equal(0, root.GetProperty("nextCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("errMsg").GetString()), Body);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("errDlt").GetString()), Body);
    }
}
