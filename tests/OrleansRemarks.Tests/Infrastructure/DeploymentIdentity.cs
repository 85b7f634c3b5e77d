namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>
/// What ties the processes of one deployment together: a fresh database, a cluster ID and a service ID,
/// and the settings that point a process (a web front) at them.
/// </summary>
public sealed record DeploymentIdentity(string ConnectionString, string ClusterId, string ServiceId)
{
    /// <summary>A new database named after <paramref name="prefix"/>, cluster ID "{prefix}-" and service ID "remarks-", each with 8 random hex digits.</summary>
    public static async Task<DeploymentIdentity> CreateAsync(PostgresServer postgres, string prefix, string? encoding = null) =>
        new(await postgres.CreateDatabaseAsync(prefix, encoding), prefix + "-" + ShortId(), "remarks-" + ShortId());

    /// <summary><paramref name="extra"/> with ConnectionStrings__Orleans, Orleans__ClusterId and Orleans__ServiceId set to this deployment's.</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = extra is null ? [] : new Dictionary<string, string>(extra);
        settings["ConnectionStrings__Orleans"] = ConnectionString;
        settings["Orleans__ClusterId"] = ClusterId;
        settings["Orleans__ServiceId"] = ServiceId;
        return settings;
    }

    private static string ShortId() => Guid.NewGuid().ToString("N")[..8];
}
