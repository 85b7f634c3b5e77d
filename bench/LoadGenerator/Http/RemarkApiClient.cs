using System.Net;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>The API through HttpClient (read-back and the large-owner phase). Never throws for a refused callback.</summary>
public sealed class RemarkApiClient(HttpClient http) : IRemarkApi
{
    public async Task<bool> PostCallbackAsync(int worker, string owner, string friend, string remark, string operationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestText.CallbackPath)
        {
            Content = new ByteArrayContent(CallbackBody.Encode(owner, friend, remark)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("Operationid", operationId);
        request.Headers.TryAddWithoutValidation("User-Agent", "Go-http-client/1.1");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && ReplyParser.ActionCodeIsZero(body);
    }

    public async Task<string?> GetRemarkAsync(int worker, string owner, string friend)
    {
        using var response = await http.GetAsync(RequestText.RemarkPath(owner, friend));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return ReplyParser.Remark(await response.Content.ReadAsByteArrayAsync());
    }

    public async Task<Dictionary<string, string>> LookupAsync(int worker, string owner, IReadOnlyList<string> friends)
    {
        using var content = new ByteArrayContent(RequestText.LookupBody(friends));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        using var response = await http.PostAsync(RequestText.LookupPath(owner), content);
        response.EnsureSuccessStatusCode();
        return ReplyParser.LookupItems(await response.Content.ReadAsByteArrayAsync());
    }
}
