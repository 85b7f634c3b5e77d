using System.Text.Json;

namespace OrleansRemarks.Tests.Browser;

/// <summary>A Chrome DevTools Protocol event, e.g. <c>Fetch.authRequired</c>, with the session it belongs to.</summary>
public sealed record DevToolsEvent(string Method, JsonElement Parameters, string? SessionId);
