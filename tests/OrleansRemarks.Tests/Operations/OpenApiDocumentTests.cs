using System.Net;
using System.Text.Json;

namespace OrleansRemarks.Tests.Operations;

/// <summary>/openapi/v1.json documents the query API and the callback endpoint; /scalar/ browses it.</summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class OpenApiDocumentTests(ObservedServiceFixture service)
{
    private const string CallbackPath = "/callbackExample/{command}";

    [Fact]
    public async Task Document_describes_the_query_api()
    {
        using var document = await GetDocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        var get = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks/{friendUserId}").GetProperty("get");
        Assert.Equal("GetRemark", get.GetProperty("operationId").GetString());
        AssertResponses(get, "200", "404", "503");
        AssertSchemaProperties(document, get.GetProperty("responses").GetProperty("200"), "ownerUserID", "friendUserID", "remark", "updatedAt");

        var list = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks").GetProperty("get");
        Assert.Equal("ListRemarks", list.GetProperty("operationId").GetString());
        Assert.Equal(["ownerUserId", "limit", "cursor"], list.GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString()));
        AssertResponses(list, "200", "400", "503");
        AssertSchemaProperties(document, list.GetProperty("responses").GetProperty("200"), "items", "nextCursor");

        var lookup = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks:lookup").GetProperty("post");
        Assert.Equal("LookupRemarks", lookup.GetProperty("operationId").GetString());
        AssertSchemaProperties(document, lookup.GetProperty("requestBody"), "friendUserIDs");
        AssertResponses(lookup, "200", "400", "503");
        Assert.Equal("application/problem+json", lookup.GetProperty("responses").GetProperty("503").GetProperty("content").EnumerateObject().Single().Name);

        var sync = paths.GetProperty("/api/v1/users/{ownerUserId}/remarks:sync").GetProperty("post");
        Assert.Equal("SyncRemarks", sync.GetProperty("operationId").GetString());
        AssertResponses(sync, "200", "409", "502", "503");
        AssertSchemaProperties(document, sync.GetProperty("responses").GetProperty("200"), "added", "updated", "removed", "full", "version");
        var status = paths.GetProperty("/api/v1/sync/status").GetProperty("get");
        AssertSchemaProperties(document, status.GetProperty("responses").GetProperty("200"), "configured", "sweep", "lastError");
    }

    [Fact]
    public async Task Document_describes_the_callback_request_reply_and_every_error_code()
    {
        using var document = await GetDocumentAsync();

        var callback = document.RootElement.GetProperty("paths").GetProperty(CallbackPath).GetProperty("post");
        AssertSchemaProperties(document, callback.GetProperty("requestBody"), "callbackCommand", "ownerUserID", "friendUserID", "remark");
        AssertResponses(callback, "200", "400", "404", "500", "503");
        foreach (var status in new[] { "200", "400", "500", "503" })
        {
            AssertSchemaProperties(document, callback.GetProperty("responses").GetProperty(status), "actionCode", "errCode", "errMsg", "errDlt", "nextCode");
        }

        Assert.Contains(callback.GetProperty("parameters").EnumerateArray(), parameter =>
            parameter.GetProperty("name").GetString() == "operationID" && parameter.GetProperty("in").GetString() == "header");
        var description = callback.GetProperty("description").GetString()!;
        foreach (var errCode in new[] { 20001, 20002, 20003, 20004, 20005, 20006, 20007, 20008, 20009, 20010, 20011, 20012, 25001, 25002 })
        {
            Assert.Contains($"| {errCode} |", description);
        }

        foreach (var policyCode in new[] { 22001, 22002, 22003 })
        {
            Assert.Contains($"| {policyCode} | 200 |", description);
        }

        AssertSchemaProperties(document, callback.GetProperty("responses").GetProperty("200"), "remark");

        Assert.DoesNotContain(OperationsDeployment.CallbackSecret, document.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Document_describes_the_policy_endpoint()
    {
        using var document = await GetDocumentAsync();

        var policy = document.RootElement.GetProperty("paths").GetProperty("/api/v1/policy").GetProperty("get");
        Assert.Equal("GetPolicy", policy.GetProperty("operationId").GetString());
        AssertSchemaProperties(document, policy.GetProperty("responses").GetProperty("200"),
            "active", "maxLength", "blockedTerms", "normalize", "maxChangesPerOwnerPerMinute", "timeoutMilliseconds", "loadedAt", "reloadError");
        AssertResponses(policy, "200", "429");
    }

    [Fact]
    public async Task Api_reference_page_is_served_from_this_process()
    {
        using var page = await service.Client.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await service.Client.GetAsync("/scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>OrleansRemarks API</title>", html);
        Assert.Contains("openapi/v1.json", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonDocument> GetDocumentAsync()
    {
        using var response = await service.Client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(body);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        return document;
    }

    private static void AssertResponses(JsonElement operation, params string[] statuses)
    {
        var documented = operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToList();
        Assert.All(statuses, status => Assert.Contains(status, documented));
    }

    /// <summary>The JSON schema of a request body or response (following a $ref) has these properties.</summary>
    private static void AssertSchemaProperties(JsonDocument document, JsonElement bodyOrResponse, params string[] names)
    {
        var schema = bodyOrResponse.GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        var properties = schema.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToList();
        Assert.All(names, name => Assert.Contains(name, properties));
    }
}
