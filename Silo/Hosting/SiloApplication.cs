using Microsoft.AspNetCore.Builder;
using OrleansRemarks.Silo.Configuration;
using OrleansRemarks.Silo.Operations;
using OrleansRemarks.Silo.Schema;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>
/// The command line: "migrate" applies the schema and exits; "backfill" sweeps every OpenIM user
/// now on the running cluster and shows its progress; anything else applies the schema and
/// runs the silo until SIGTERM/Ctrl+C. Start-up failures end in one line on stderr and a non-zero exit code.
/// </summary>
public static class SiloApplication
{
    public const string MigrateCommand = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var migrateOnly = args.Length > 0 && args[0] == MigrateCommand;
        try
        {
            if (args.Length > 0 && args[0] == BackfillCommand.Name)
            {
                return await BackfillCommand.RunAsync(args[1..]);
            }

            // A web application only for the silo's health and metrics listener (Silo:HttpUrl).
            var builder = WebApplication.CreateSlimBuilder(migrateOnly ? args[1..] : args);
            if (migrateOnly)
            {
                await MigrateAsync(SiloSettings.LoadConnectionString(builder.Configuration));
                return 0;
            }

            var settings = SiloSettings.Load(builder.Configuration);
            await MigrateAsync(settings.ConnectionString);
            SiloHost.Configure(builder, settings);
            builder.AddSiloOperations(settings);
            await using var host = builder.Build();
            host.MapSiloOperations();
            await host.RunAsync();
            return 0;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync(StartupFailure.Describe(exception));
            return StartupFailure.ExitCodeFor(exception);
        }
    }

    private static async Task MigrateAsync(string connectionString)
    {
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
