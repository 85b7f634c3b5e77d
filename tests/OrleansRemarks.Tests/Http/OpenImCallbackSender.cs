using System.Net.Http.Headers;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Http;

/// <summary>Posts callbacks the way OpenIM's Go HTTP client does.</summary>
public sealed class OpenImCallbackSender(HttpClient client, string basePath = "/callbackExample")
{
    /// <summary>Go's net/http canonicalises "operationID" to this spelling on HTTP/1.1.</summary>
    public const string GoHeaderSpelling = "Operationid";

    public Task<CallbackResponse> SendAsync(string command, byte[] body, string? operationId, string headerName = GoHeaderSpelling) =>
        PostAsync($"{basePath}/{command}", body, operationId, headerName);

    /// <summary>A callback POST as OpenIM sends it: the body as JSON in UTF-8, and the operation ID header when there is one.</summary>
    public static HttpRequestMessage CreateRequest(string path, byte[] body, string? operationId, string headerName = GoHeaderSpelling) =>
        CreateRequest(path, new ByteArrayContent(body), operationId, headerName);

    public async Task<CallbackResponse> PostAsync(string path, byte[] body, string? operationId, string headerName = GoHeaderSpelling)
    {
        using var request = CreateRequest(path, body, operationId, headerName);
        return await SendAsync(request);
    }

    /// <summary>The same callback without a Content-Length (chunked), so only reading the body shows its size.</summary>
    public async Task<CallbackResponse> SendChunkedAsync(string command, byte[] body, string? operationId)
    {
        using var request = CreateRequest($"{basePath}/{command}", new StreamContent(new UnannouncedLengthStream(body)), operationId, GoHeaderSpelling);
        return await SendAsync(request);
    }

    private static HttpRequestMessage CreateRequest(string path, HttpContent content, string? operationId, string headerName)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        if (operationId is not null)
        {
            request.Headers.TryAddWithoutValidation(headerName, operationId);
        }

        return request;
    }

    private async Task<CallbackResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return new CallbackResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync());
    }

    public Task<CallbackResponse> SetRemarkAsync(string owner, string friend, string remark, string? operationId) =>
        SendAsync("callbackAfterSetFriendRemarkCommand",
            GoJson.FriendRemarkCallback("callbackAfterSetFriendRemarkCommand", owner, friend, remark), operationId);

    public Task<CallbackResponse> DeleteFriendAsync(string owner, string friend, string? operationId) =>
        SendAsync("callbackAfterDeleteFriendCommand", GoJson.DeleteFriendCallback(owner, friend), operationId);
}
