using System.Text.Json.Nodes;
using OrleansRemarks.Tests.Infrastructure;
using OrleansRemarks.Tests.Operations;

namespace OrleansRemarks.Tests.Policy;

/// <summary>
/// A deployment whose web front reads its settings from an <c>appsettings.json</c> of its own (its
/// content root is a temporary folder holding the WebFront's file plus a <c>Policy</c> section), so
/// tests can change the policy while it runs. The silo can be stopped and started again.
/// </summary>
public sealed class PolicyServiceFixture : OperationsDeployment, IAsyncLifetime
{
    public const int MaxLength = 12;
    public const int MaxChangesPerOwnerPerMinute = 3;

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("orleansremarks-policy-");

    public PolicyServiceFixture() => WritePolicy(StartPolicy());

    public string SettingsFile => Path.Combine(_contentRoot.FullName, "appsettings.json");

    protected override IReadOnlyDictionary<string, string> ExtraWebFrontSettings => new Dictionary<string, string>
    {
        ["ASPNETCORE_CONTENTROOT"] = _contentRoot.FullName,
    };

    /// <summary>The policy the web front starts with: every rule on; a generous timeout so a slow shared machine does not fail open.</summary>
    public static JsonObject StartPolicy() => new()
    {
        ["MaxLength"] = MaxLength,
        ["BlockedTerms"] = new JsonArray("idiot", "ｓｐａｍ"),
        ["Normalize"] = true,
        ["MaxChangesPerOwnerPerMinute"] = MaxChangesPerOwnerPerMinute,
        ["TimeoutMilliseconds"] = 2000,
    };

    /// <summary>Rewrites the web front's appsettings.json with this <c>Policy</c> section (the rest as shipped).</summary>
    public void WritePolicy(JsonObject policy)
    {
        var shipped = Path.Combine(Path.GetDirectoryName(WebFrontProcess.AssemblyPath)!, "appsettings.json");
        var settings = JsonNode.Parse(File.ReadAllText(shipped))!.AsObject();
        settings["Policy"] = policy;
        File.WriteAllText(SettingsFile, settings.ToJsonString());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _contentRoot.Delete(recursive: true);
    }
}
