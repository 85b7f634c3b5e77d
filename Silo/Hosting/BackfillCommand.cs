using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.ServiceDefaults;
using Spectre.Console;

namespace OrleansRemarks.Silo.Hosting;

/// <summary>
/// <c>OrleansRemarks.Silo backfill</c>: connects to the running cluster as a client, starts a sweep of
/// every OpenIM user at full rate (or joins the one under way), and shows its progress until it ends.
/// The sweep runs in the cluster with a stored position: Ctrl-C only stops watching, and running the
/// command again shows it going on from where it is.
/// </summary>
public static class BackfillCommand
{
    public const string Name = "backfill";

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddSettingsValidation().AddClusterSettings(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> clustering) => clustering
                .Configure<IOptions<PostgresOptions>>((options, postgres) =>
                {
                    options.Invariant = PostgresOptions.NpgsqlInvariant;
                    options.ConnectionString = postgres.Value.ConnectionString;
                }));
        });
        using var host = builder.Build();
        host.Services.ValidateSettings();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, cancel) =>
        {
            cancel.Cancel = true;
            stop.Cancel();
        };

        await host.StartAsync(stop.Token);
        var sweep = host.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepGrain>(ISweepGrain.Key);
        var status = await sweep.StartNowAsync();
        if (!status.Configured)
        {
            await Console.Error.WriteLineAsync("OrleansRemarks.Silo backfill: the silos have no OpenIM:ApiUrl; reconciliation is not configured.");
            return StartupFailure.ConfigurationExitCode;
        }

        // The sweep to watch: the one under way, or the one that starts on the sweep's next step.
        var number = status.Running ? status.Number : status.Number + 1;
        try
        {
            status = Console.IsOutputRedirected
                ? await WatchPlainAsync(sweep, number, stop.Token)
                : await WatchAsync(sweep, number, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopped watching; the sweep goes on in the cluster. Run backfill again to watch it.");
            return 130;
        }

        Console.WriteLine($"Sweep {status.Number} finished: {status.OwnersDone} owners, {status.ChangesFound} changes found, {status.Errors} errors.");
        if (status.LastError is not null)
        {
            Console.WriteLine($"Last error ({status.LastErrorAt:u}): {status.LastError}");
        }

        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task<SweepStatus> WatchAsync(ISweepGrain sweep, long number, CancellationToken cancellationToken)
    {
        SweepStatus status = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Sweep {number}", maxValue: 1);
                var rate = new RateMeter();
                while (true)
                {
                    status = await sweep.GetStatusAsync().WaitAsync(cancellationToken);
                    if (status.Number >= number)
                    {
                        task.MaxValue = Math.Max(1, status.Total);
                        task.Value = status.OwnersDone;
                        task.Description = $"Sweep {number}: {status.OwnersDone:N0}/{status.Total:N0} owners, {rate.PerSecond(status.OwnersDone):N1}/s, {status.ChangesFound:N0} changes, {status.Errors:N0} errors";
                    }

                    if (Finished(status, number))
                    {
                        task.Value = task.MaxValue;
                        return;
                    }

                    await Task.Delay(Poll, cancellationToken);
                }
            });
        return status;
    }

    private static async Task<SweepStatus> WatchPlainAsync(ISweepGrain sweep, long number, CancellationToken cancellationToken)
    {
        var rate = new RateMeter();
        var printed = Stopwatch.StartNew();
        while (true)
        {
            var status = await sweep.GetStatusAsync().WaitAsync(cancellationToken);
            if (Finished(status, number))
            {
                return status;
            }

            if (status.Number >= number && printed.Elapsed >= TimeSpan.FromSeconds(5))
            {
                var perSecond = rate.PerSecond(status.OwnersDone);
                var eta = perSecond > 0 ? TimeSpan.FromSeconds((status.Total - status.OwnersDone) / perSecond).ToString(@"hh\:mm\:ss") : "?";
                Console.WriteLine($"sweep {number}: {status.OwnersDone}/{status.Total} owners, {perSecond:N1}/s, ETA {eta}, {status.ChangesFound} changes, {status.Errors} errors");
                printed.Restart();
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static bool Finished(SweepStatus status, long number) => status.Number > number || (status.Number == number && !status.Running);

    /// <summary>Owners per second since watching began.</summary>
    private sealed class RateMeter
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long? _first;

        public double PerSecond(long done)
        {
            _first ??= done;
            var seconds = _clock.Elapsed.TotalSeconds;
            return seconds < 1 ? 0 : (done - _first.Value) / seconds;
        }
    }
}
