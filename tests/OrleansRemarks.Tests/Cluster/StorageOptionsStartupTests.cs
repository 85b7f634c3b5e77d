using OrleansRemarks.Tests.Infrastructure;

namespace OrleansRemarks.Tests.Cluster;

/// <summary>Invalid storage settings stop the silo at start with exit code 2 and one line naming the setting.</summary>
public sealed class StorageOptionsStartupTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("Orleans__WriteBatching__MaxBatchSize", "0", "Orleans:WriteBatching:MaxBatchSize")]
    [InlineData("Orleans__WriteBatching__MaxConcurrentBatches", "0", "Orleans:WriteBatching:MaxConcurrentBatches")]
    [InlineData("Orleans__WriteBatching__CommandTimeoutSeconds", "0", "Orleans:WriteBatching:CommandTimeoutSeconds")]
    [InlineData("Remarks__ReplayWindow", "00:00:00", "Remarks:ReplayWindow")]
    public async Task An_invalid_storage_setting_stops_the_silo_naming_it(string variable, string value, string key)
    {
        var connectionString = await MigratedDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = "options-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans__Endpoints__SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__HttpUrl"] = "http://127.0.0.1:0",
            [variable] = value,
        };

        var run = await SiloProcess.RunToExitAsync([], environment, ExitWithin);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(key, line);
        Assert.StartsWith("OrleansRemarks.Silo: configuration error", line);
    }
}
