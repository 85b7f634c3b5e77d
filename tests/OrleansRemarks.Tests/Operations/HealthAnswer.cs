using System.Net;
using System.Text.Json;

namespace OrleansRemarks.Tests.Operations;

/// <summary>What a <c>/health/*</c> endpoint answered; <see cref="Body"/> is its JSON report.</summary>
public sealed record HealthAnswer(HttpStatusCode Status, string? ContentType, string? CacheControl, string Body)
{
    public static async Task<HealthAnswer> GetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return new HealthAnswer(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.CacheControl?.ToString(),
                await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException exception)
        {
            // Nothing listens (a stopped process): as not ready as it gets.
            return new HealthAnswer(HttpStatusCode.ServiceUnavailable, null, null, "no answer: " + exception.Message);
        }
    }

    public string OverallStatus => Root().GetProperty("status").GetString()!;

    /// <summary>The status of one named check ("cluster", "membership", "postgresql").</summary>
    public string CheckStatus(string check) => Root().GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;

    /// <summary>The description of one named check, e.g. what the warm-up did.</summary>
    public string? CheckDescription(string check) =>
        Root().GetProperty("checks").GetProperty(check).TryGetProperty("description", out var description) ? description.GetString() : null;

    public int CheckCount => Root().GetProperty("checks").EnumerateObject().Count();

    private JsonElement Root()
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.Clone();
    }
}
