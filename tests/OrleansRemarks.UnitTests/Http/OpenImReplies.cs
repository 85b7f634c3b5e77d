using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>Sends callbacks as OpenIM does and checks replies the way OpenIM's Go server reads them.</summary>
public static class OpenImReplies
{
    /// <summary>OpenIM's success reply, byte for byte: every code a JSON number.</summary>
    public const string Success = """{"actionCode":0,"errCode":0,"errMsg":"","errDlt":"","nextCode":0}""";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] body, string? operationId = "op-1", string operationIdHeader = "operationID")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        if (operationId is not null)
        {
            request.Headers.TryAddWithoutValidation(operationIdHeader, operationId);
        }

        return await client.SendAsync(request);
    }

    public static async Task AssertSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Success, body);
    }

    /// <summary>A failure: <paramref name="status"/>, actionCode 1, the errCode, nextCode 0 (never "refuse"), texts filled, codes as numbers.</summary>
    public static async Task<string> AssertFailureAsync(HttpResponseMessage response, HttpStatusCode status, int errCode)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reply = JsonDocument.Parse(body);
        var root = reply.RootElement;
        foreach (var code in new[] { "actionCode", "errCode", "nextCode" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(code).ValueKind);
        }

        Assert.Equal(1, root.GetProperty("actionCode").GetInt32());
        Assert.True(errCode == root.GetProperty("errCode").GetInt32(), body);
        Assert.Equal(0, root.GetProperty("nextCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("errMsg").GetString()), body);
        var detail = root.GetProperty("errDlt").GetString();
        Assert.False(string.IsNullOrEmpty(detail), body);
        return detail;
    }
}
