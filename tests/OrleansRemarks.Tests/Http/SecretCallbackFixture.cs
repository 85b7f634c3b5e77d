namespace OrleansRemarks.Tests.Http;

/// <summary>
/// A web front started with Callback__Secret, and with request logging and logging scopes turned
/// on, so a test can check the secret never reaches the log.
/// </summary>
public sealed class SecretCallbackFixture : RemarksServiceFixture
{
    public const string Secret = "s3cr3t-Path-Segment_0123456789";

    protected override IReadOnlyDictionary<string, string> WebFrontSettings { get; } = new Dictionary<string, string>
    {
        ["Callback__Secret"] = Secret,
        ["Logging__LogLevel__Default"] = "Debug",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
    };
}
