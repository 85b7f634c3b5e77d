using System.Globalization;
using OrleansRemarks.FaultRunner.Scenarios;

namespace OrleansRemarks.FaultRunner;

/// <summary>The command line; the connection string comes from ConnectionStrings__Orleans (not argv, it holds a password).</summary>
public sealed record RunnerOptions(
    Uri Url,
    string ClusterScript,
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    int BasePort,
    bool Short,
    IReadOnlyList<string> Scenarios,
    string? ResultsFile,
    double? Rate,
    int? Owners)
{
    public const string Usage = """
        Usage: OrleansRemarks.FaultRunner --url http://127.0.0.1:PORT --cluster-script scripts/cluster.sh
               [--cluster-id ID] [--service-id ID] [--base-port N] [--short] [--scenarios a,b] [--results FILE]
               [--rate CALLBACKS_PER_SECOND] [--owners N]
        Environment: ConnectionStrings__Orleans (the cluster's PostgreSQL).
        """;

    public RunProfile Profile
    {
        get
        {
            var profile = Short ? RunProfile.Short : RunProfile.Full;
            return profile with
            {
                CallbacksPerSecond = Rate ?? profile.CallbacksPerSecond,
                Owners = Owners ?? profile.Owners,
            };
        }
    }

    public static RunnerOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var isShort = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--short")
            {
                isShort = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Orleans");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("ConnectionStrings__Orleans is not set");
        }

        var scenarios = values.TryGetValue("--scenarios", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return new RunnerOptions(
            new Uri(Required("--url")),
            Required("--cluster-script"),
            connectionString,
            values.GetValueOrDefault("--cluster-id", "orleansremarks"),
            values.GetValueOrDefault("--service-id", "orleansremarks"),
            int.Parse(values.GetValueOrDefault("--base-port", "11200"), CultureInfo.InvariantCulture),
            isShort,
            scenarios,
            values.GetValueOrDefault("--results"),
            values.TryGetValue("--rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            values.TryGetValue("--owners", out var owners) ? int.Parse(owners, CultureInfo.InvariantCulture) : null);
    }
}
