using OrleansRemarks.FaultRunner.Cluster;
using OrleansRemarks.FaultRunner.Load;
using OrleansRemarks.FaultRunner.Reporting;
using OrleansRemarks.FaultRunner.Verification;

namespace OrleansRemarks.FaultRunner.Scenarios;

/// <summary>Runs one scenario end to end: load, fault, repair, read-back, verdict.</summary>
public sealed class ScenarioRunner(
    CallbackClient client,
    Verifier verifier,
    RecoveryProbe probe,
    ClusterControl cluster,
    ActivationCounter activations,
    RunProfile profile,
    string runTag)
{
    /// <summary>Longer than Orleans' response timeout (30 s): a grain call still pending then is dropped.</summary>
    public static readonly TimeSpan QuietAfterError = TimeSpan.FromSeconds(40);

    /// <summary>No scenario, whatever goes wrong, runs longer than this.</summary>
    private static readonly TimeSpan ScenarioDeadline = TimeSpan.FromMinutes(8);

    public async Task<ScenarioResult> RunAsync(FaultScenario scenario)
    {
        var prefix = $"{runTag}-{scenario.Name}";
        var (owners, rate) = scenario.LoadShape(profile);
        var pairs = PairSet.Create(prefix, owners, profile.FriendsPerOwner, scenario.RampUp(profile));
        var statistics = new LoadStatistics();
        var load = new LoadGenerator(pairs, new LoadContext(client, new Pacer(rate), statistics, prefix, QuietAfterError), scenario.Pattern, profile.Workers);
        var context = new ScenarioContext(cluster, activations, profile);
        using var deadline = new CancellationTokenSource(ScenarioDeadline);
        using var stopLoad = new CancellationTokenSource();
        ScenarioContext.Log($"{scenario.Name}: load of {rate} deliveries/s over {owners} owners × {profile.FriendsPerOwner} friends");
        var loadTask = load.RunAsync(stopLoad.Token);
        using var stopProbe = new CancellationTokenSource();
        var probeTask = scenario.MeasuresRecovery
            ? context.RecoveryStarted.ContinueWith(_ => probe.MeasureAsync(pairs, context.RecoveryFrom, stopProbe.Token), TaskScheduler.Default).Unwrap()
            : Task.FromResult<TimeSpan?>(null);
        try
        {
            await Task.Delay(profile.Warmup, deadline.Token);
            ScenarioContext.Log($"{scenario.Name}: {scenario.Description}");
            await scenario.InjectAsync(context, deadline.Token);
        }
        catch (Exception exception)
        {
            context.Failures.Add($"fault step failed: {exception.Message}");
        }

        context.RestoreStartedAt = DateTimeOffset.UtcNow;
        stopProbe.Cancel();
        var ownersServedAfter = context.RecoveryStarted.IsCompleted ? await probeTask : null;
        try
        {
            await scenario.RestoreAsync(context, deadline.Token);
            await Task.Delay(profile.Settle, deadline.Token);
        }
        catch (Exception exception)
        {
            context.Failures.Add($"repair step failed: {exception.Message}");
        }

        stopLoad.Cancel();
        await loadTask;
        ScenarioContext.Log($"{scenario.Name}: load stopped after {statistics.Sent} deliveries; reading every pair back");
        var report = await verifier.VerifyAsync(prefix, pairs, deadline.Token);
        return Judge(scenario, context, statistics, pairs, report, ownersServedAfter);
    }

    private static ScenarioResult Judge(
        FaultScenario scenario, ScenarioContext context, LoadStatistics statistics, IReadOnlyList<RemarkPair> pairs, VerificationReport report, TimeSpan? ownersServedAfter)
    {
        var failures = context.Failures;
        var notes = context.Notes;
        var restoreAt = context.RestoreStartedAt ?? DateTimeOffset.MaxValue;
        var errorsInWindow = statistics.ErrorSendTimes.Where(time => time >= context.RecoveryFrom && time < restoreAt).ToList();
        var lastError = errorsInWindow.Count > 0 ? errorsInWindow.Max() : (DateTimeOffset?)null;
        TimeSpan? recovery = lastError is { } last ? last - context.RecoveryFrom : TimeSpan.Zero;
        if (lastError is { } failedAt && !statistics.AcknowledgedSendTimes.Any(time => time > failedAt && time < restoreAt))
        {
            failures.Add("callbacks did not succeed again before the repair step");
            recovery = null;
        }

        if (scenario.MeasuresRecovery)
        {
            if (ownersServedAfter is { } served)
            {
                notes.Add($"all owners readable {served.TotalSeconds:0.0} s after the fault, last failed callback sent at +{(lastError is { } at ? (at - context.RecoveryFrom).TotalSeconds : 0):0.0} s");
                recovery = recovery is { } writes && writes > served ? writes : served;
            }
            else
            {
                failures.Add("not every owner was readable again before the repair step");
                recovery = null;
            }
        }
        else
        {
            recovery = null;
        }

        if (recovery is { } measured && scenario.MaxRecovery is { } limit && measured > limit)
        {
            failures.Add($"recovery {measured.TotalSeconds:0.0} s exceeds {limit.TotalSeconds:0} s");
        }

        var afterRepair = statistics.ErrorSendTimes.Count(time => time >= restoreAt);
        if (afterRepair > 0)
        {
            notes.Add($"{afterRepair} errors during the repair step");
        }

        if (statistics.Errors > 0)
        {
            notes.Add("errors: " + string.Join(", ", statistics.ErrorKinds.OrderByDescending(kind => kind.Value).Select(kind => $"{kind.Key} ×{kind.Value}")));
        }

        var callbacksAcknowledged = pairs.Sum(pair => pair.Callbacks.Count(callback => callback.WasAcknowledged));
        var callbacksDelivered = pairs.Sum(pair => pair.Callbacks.Count(callback => callback.Deliveries > 0));
        notes.Add($"{report.AppliedChanges} changes applied for {callbacksAcknowledged} acknowledged / {callbacksDelivered} delivered callbacks");
        notes.Add($"slowest delivery {statistics.SlowestDelivery.TotalSeconds:0.0} s");
        if (report.LaterErroredApplied > 0)
        {
            notes.Add($"{report.LaterErroredApplied} pairs hold a failed callback's remark (applied although it errored)");
        }

        AddVerificationFailures(report, failures, callbacksAcknowledged, callbacksDelivered);
        if (statistics.Acknowledged == 0)
        {
            failures.Add("nothing was acknowledged");
        }

        var duplicates = Math.Max(0, statistics.Acknowledged - report.AppliedChanges);
        return new ScenarioResult(scenario.Name, scenario.Description, statistics.Sent, statistics.Acknowledged, statistics.Errors,
            report.Lost, duplicates, recovery, notes, failures);
    }

    private static void AddVerificationFailures(VerificationReport report, List<string> failures, long acknowledged, long delivered)
    {
        if (report.Lost > 0)
        {
            failures.Add($"LOST {report.Lost} pairs (API {report.LostInApi}, PostgreSQL {report.LostInDatabase}): {string.Join(" / ", report.Examples)}");
        }

        if (report.Unexpected > 0)
        {
            failures.Add($"{report.Unexpected} pairs hold a remark nothing acknowledged or allowed");
        }

        if (report.Unreadable > 0)
        {
            failures.Add($"{report.Unreadable} pairs unreadable through the query API");
        }

        if (report.AppliedChanges > delivered)
        {
            failures.Add($"{report.AppliedChanges - delivered} changes applied twice (more applied than callbacks delivered)");
        }

        if (report.AppliedChanges < acknowledged)
        {
            failures.Add($"{acknowledged - report.AppliedChanges} acknowledged callbacks were never applied");
        }
    }
}
