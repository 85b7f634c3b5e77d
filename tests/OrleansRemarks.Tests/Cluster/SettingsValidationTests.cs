using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRemarks.Grains.Storage.Batching;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>
/// One start-up pass (<see cref="SettingsValidation"/>) reports every invalid key of every options class at
/// once, web front and silo alike, with exit code 2, before anything touches the database, and never
/// repeats a secret.
/// </summary>
public sealed class SettingsValidationTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_co_hosting_web_front_reports_web_front_and_silo_keys_in_one_start_before_it_migrates()
    {
        var server = await SharedPostgres.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("settings");

        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__CoHostSilo"] = "true",
            ["Orleans__ClusterId"] = "settings-" + Guid.NewGuid().ToString("N")[..8],
            ["Callback__MaxBodyBytes"] = "0", // CallbackOptions, web front
            ["Orleans__WriteBatching__MaxBatchSize"] = "0", // StateWriteBatchingOptions, grain storage
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "0.0.0.0", // SiloEndpointOptions, silo
        });

        Assert.Equal(SettingsValidation.ExitCode, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("OrleansRemarks.WebFront: configuration error: ", message, StringComparison.Ordinal);
        Assert.Contains("Callback:MaxBodyBytes", message, StringComparison.Ordinal);
        Assert.Contains("Orleans:WriteBatching:MaxBatchSize", message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Endpoints:AdvertisedIPAddress", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        // Validated before the schema was applied: the database is still empty.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task No_secret_is_repeated_even_when_it_sits_under_the_wrong_key()
    {
        const string Password = "Pw-never-echoed-4711";
        const string CallbackSecret = "bad/callback-secret-4711";
        const string ApiKey = "short-4711";
        const string OpenImSecret = "openim-share-secret-4711";
        const string MisplacedKey = "misplaced-api-key-0123456789-4711";

        var (exitCode, standardError, output) = await WebFrontProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port=1;Username=nobody;Password={Password};NoSuchKeyword=1",
            ["Orleans__CoHostSilo"] = "true",
            ["Callback__Secret"] = CallbackSecret,
            ["Api__Keys__0"] = ApiKey,
            ["Dashboard__Keys__0"] = ApiKey,
            ["OpenIM__ApiUrl"] = "ftp://openim.example",
            ["OpenIM__Secret"] = OpenImSecret,
            ["Api__RateLimit__Burst"] = MisplacedKey,
        });

        Assert.Equal(SettingsValidation.ExitCode, exitCode);
        var message = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var key in new[] { "ConnectionStrings:Orleans", "Callback:Secret", "Api:Keys:0", "Dashboard:Keys:0", "OpenIM:ApiUrl", "Api:RateLimit:Burst" })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }

        foreach (var secret in new[] { Password, CallbackSecret, ApiKey, OpenImSecret, MisplacedKey })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_silo_reports_silo_http_and_grain_keys_in_one_start_before_it_connects()
    {
        var closedPort = FreeTcpPort.Next();
        var run = await SiloProcess.RunToExitAsync([], new Dictionary<string, string?>
        {
            // Unreachable: a silo that got as far as the database would fail with exit code 3 instead.
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=nowhere;Timeout=5",
            ["Orleans__Endpoints__SiloPort"] = "not-a-port",
            ["Silo__HttpUrl"] = "https://127.0.0.1:10443",
            ["Remarks__ReplayWindow"] = "00:00:00",
            ["Reconcile__MaxRequestsPerSecond"] = "0",
            ["Orleans__Membership__ProbeTimeout"] = "soon", // Orleans' own ClusterMembershipOptions, bound from configuration
        }, ExitWithin);

        Assert.Equal(SettingsValidation.ExitCode, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("OrleansRemarks.Silo: configuration error: ", line, StringComparison.Ordinal);
        foreach (var key in new[] { "Orleans:Endpoints:SiloPort", "Silo:HttpUrl", "Remarks:ReplayWindow", "Reconcile:MaxRequestsPerSecond", "Orleans:Membership:ProbeTimeout" })
        {
            Assert.Contains(key, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not-a-port", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pass_finds_every_options_class_with_an_own_validator_and_leaves_framework_validators_to_the_host()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = " ",
            ["Orleans:WriteBatching:MaxConcurrentBatches"] = "0",
            ["Orleans:WriteBatching:CommandTimeoutSeconds"] = "301",
        }).Build();
        var services = new ServiceCollection()
            .AddSettingsValidation()
            .AddClusterSettings(configuration)
            .AddValidatedOptions<StateWriteBatchingOptions, StateWriteBatchingOptionsValidator>(configuration, StateWriteBatchingOptions.SectionName);
        // A framework validator (not one of this service's): the host runs it, the pass does not.
        services.AddOptions<FrameworkValidated>().Validate(_ => false, "framework validator ran");
        using var provider = services.BuildServiceProvider();

        var invalid = Assert.Throws<OptionsValidationException>(provider.ValidateSettings);

        Assert.Equal(
            [
                "Orleans:ClusterId",
                "ConnectionStrings:Orleans",
                "Orleans:WriteBatching:MaxConcurrentBatches",
                "Orleans:WriteBatching:CommandTimeoutSeconds",
            ],
            invalid.Failures.Select(failure => failure[..failure.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.DoesNotContain(invalid.Failures, failure => failure.Contains("framework", StringComparison.Ordinal));
        Assert.EndsWith(
            "configuration error: " + string.Join("; ", invalid.Failures.Select(failure => failure.TrimEnd('.'))) + ".",
            SettingsValidation.Describe("test", invalid),
            StringComparison.Ordinal);
    }

    private sealed class FrameworkValidated;
}
