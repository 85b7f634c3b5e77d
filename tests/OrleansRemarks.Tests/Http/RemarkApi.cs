using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRemarks.Tests.Http;

/// <summary>Calls the query API; user IDs are percent-encoded into their path segments.</summary>
public sealed class RemarkApi(HttpClient client)
{
    public const string ProblemContentType = "application/problem+json";

    public static string RemarkPath(string owner, string friend) => $"{RemarksPath(owner)}/{Uri.EscapeDataString(friend)}";

    public static string RemarksPath(string owner) => $"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks";

    public static string LookupPath(string owner) => $"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks:lookup";

    /// <summary>A fresh user ID, so tests sharing a database never see each other's remarks.</summary>
    public static string NewUser() => "owner-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The remark, or null on 404 (checked to be a problem document); any other answer fails.</summary>
    public async Task<StoredRemark?> GetAsync(string owner, string friend)
    {
        using var response = await client.GetAsync(RemarkPath(owner, friend));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
            return null;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {RemarkPath(owner, friend)}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return StoredRemark.From(json.RootElement);
    }

    public async Task<(IReadOnlyList<StoredRemark> Items, string? NextCursor)> ListAsync(string owner, string query = "")
    {
        using var response = await client.GetAsync(RemarksPath(owner) + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {RemarksPath(owner)}{query}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var nextCursor = json.RootElement.GetProperty("nextCursor");
        Assert.Contains(nextCursor.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        var items = json.RootElement.GetProperty("items").EnumerateArray().Select(StoredRemark.From).ToList();
        return (items, nextCursor.GetString());
    }

    public async Task<IReadOnlyList<StoredRemark>> LookupAsync(string owner, params string[] friends)
    {
        using var response = await client.PostAsJsonAsync(LookupPath(owner), new { friendUserIDs = friends });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {LookupPath(owner)}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(StoredRemark.From).ToList();
    }

    /// <summary>Asserts a problem document with the status, and returns it.</summary>
    public static async Task<JsonDocument> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        return problem;
    }
}
