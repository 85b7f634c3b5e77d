namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// OpenIM's <c>operationID</c> header (<c>Operationid</c> on HTTP/1.1, <c>operationid</c> on HTTP/2);
/// ASP.NET Core's header lookup ignores case.
/// </summary>
public static class OperationIdHeader
{
    public const string Name = "operationID";

    /// <summary>The first non-empty value, or null.</summary>
    public static string? Read(HttpRequest request) =>
        request.Headers[Name].FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
