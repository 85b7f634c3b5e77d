using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.Silo.Operations;
using OrleansRemarks.Silo.Schema;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>
/// The command line: "migrate" applies the schema and exits; "backfill" sweeps every OpenIM user
/// now on the running cluster and shows its progress; anything else checks every setting, applies
/// the schema and runs the silo until SIGTERM/Ctrl+C. Start-up failures end in one line on stderr
/// and a non-zero exit code (<see cref="StartupFailure"/>).
/// </summary>
public static class SiloApplication
{
    public const string MigrateCommand = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == BackfillCommand.Name)
            {
                return await BackfillCommand.RunAsync(args[1..]);
            }

            if (args.Length > 0 && args[0] == MigrateCommand)
            {
                await MigrateOnlyAsync(args[1..]);
                return 0;
            }

            // A web application only for the silo's health and metrics listener (Silo:HttpUrl).
            var builder = WebApplication.CreateSlimBuilder(args);
            builder.AddServiceDefaults(SiloOperations.ServiceName);
            SiloHost.Configure(builder);
            builder.AddSiloOperations();
            await using var host = builder.Build();
            // Every setting at once, then the HTTP port, then the schema: nothing is touched before the settings are known good.
            host.Services.ValidateSettings();
            SiloOperations.EnsureHttpPortFree(host.Services);
            await MigrateAsync(host.Services);
            host.MapDefaultEndpoints();
            await host.RunAsync();
            return 0;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync(StartupFailure.Describe(exception));
            return StartupFailure.ExitCodeFor(exception);
        }
    }

    private static async Task MigrateOnlyAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddSettingsValidation().AddClusterSettings(builder.Configuration);
        using var host = builder.Build();
        host.Services.ValidateSettings();
        await MigrateAsync(host.Services);
    }

    private static async Task MigrateAsync(IServiceProvider services)
    {
        var connectionString = services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString;
        var applied = await new SchemaMigrator(connectionString).ApplyPendingAsync();
        if (applied.Count == 0)
        {
            Console.WriteLine("Schema is up to date; no migration applied.");
            return;
        }

        foreach (var migration in applied)
        {
            Console.WriteLine($"Applied migration {migration}.");
        }
    }
}
