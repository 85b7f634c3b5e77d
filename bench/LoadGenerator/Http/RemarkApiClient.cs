using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>The callback and query API, as OpenIM and API clients call it. Methods never throw for HTTP failures.</summary>
public sealed class RemarkApiClient(HttpClient http)
{
    private const string CallbackPath = "/callbackExample/" + CallbackBody.Command;

    /// <summary>True only for HTTP 200 with <c>actionCode</c> 0: the service says the change is durable.</summary>
    public async Task<bool> PostCallbackAsync(string owner, string friend, string remark, string operationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallbackPath)
        {
            Content = new ByteArrayContent(CallbackBody.Encode(owner, friend, remark)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("Operationid", operationId);
        request.Headers.TryAddWithoutValidation("User-Agent", "Go-http-client/1.1");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && ActionCodeIsZero(body);
    }

    /// <summary>The stored remark, null on 404; throws <see cref="HttpRequestException"/> on any other status.</summary>
    public async Task<string?> GetRemarkAsync(string owner, string friend)
    {
        using var response = await http.GetAsync($"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks/{Uri.EscapeDataString(friend)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetProperty("remark").GetString();
    }

    /// <summary>friend → remark for the requested friends that have one; throws on a non-200 reply.</summary>
    public async Task<Dictionary<string, string>> LookupAsync(string owner, IReadOnlyList<string> friends)
    {
        using var content = new ByteArrayContent(LookupBody(friends));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        using var response = await http.PostAsync($"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks:lookup", content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            found[item.GetProperty("friendUserID").GetString()!] = item.GetProperty("remark").GetString()!;
        }

        return found;
    }

    private static byte[] LookupBody(IReadOnlyList<string> friends)
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

    private static bool ActionCodeIsZero(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("actionCode"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.GetInt32() == 0;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
