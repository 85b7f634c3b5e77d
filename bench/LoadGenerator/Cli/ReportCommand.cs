using System.Globalization;
using OrleansRemarks.Bench.LoadGenerator.Report;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Cli;

/// <summary>
/// Joins ours (one or two topologies), the baseline and pgbench into latest.json and prints the
/// tables. <c>--ours</c> is the first topology (<c>--topology</c>, co-hosted by default);
/// <c>--separate</c> the separate topology's suite when the run measured both. Exit 1 when anything was lost.
/// </summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseline = await ResultFiles.ReadAsync(options.Text("baseline"), BenchJsonContext.Default.SuiteResult);
        var pgbench = PgbenchOutput.Read(options.Text("pgbench-summary"), options.Text("pgbench-log-prefix"));
        var first = new TopologyRun(
            Topologies.Validate(options.OptionalText("topology") ?? Topologies.CoHosted),
            await ResultFiles.ReadAsync(options.Text("ours"), BenchJsonContext.Default.SuiteResult),
            baseline,
            pgbench);
        TopologyRun? separate = null;
        if (options.OptionalText("separate") is { } separatePath)
        {
            if (string.Equals(first.Topology, Topologies.Separate, StringComparison.Ordinal))
            {
                throw new ArgumentException("--separate is the second topology; the first (--topology) must then be co-hosted.");
            }

            separate = new TopologyRun(Topologies.Separate, await ResultFiles.ReadAsync(separatePath, BenchJsonContext.Default.SuiteResult), baseline, pgbench);
        }

        TopologyRun[] runs = separate is null ? [first] : [first, separate];
        // The cold and memory phases (issue #14 items 2, 3) run on the first topology only; they are optional inputs.
        var coldOurs = options.OptionalText("cold-ours") is { } coldOursFile ? await ResultFiles.ReadAsync(coldOursFile, BenchJsonContext.Default.ColdResult) : null;
        var coldBaseline = options.OptionalText("cold-baseline") is { } coldBaseFile ? await ResultFiles.ReadAsync(coldBaseFile, BenchJsonContext.Default.ColdResult) : null;
        var cold = coldOurs is not null && coldBaseline is not null ? ColdReport.From(coldOurs, coldBaseline) : null;
        var memory = options.OptionalText("memory") is { } memoryFile ? await ResultFiles.ReadAsync(memoryFile, BenchJsonContext.Default.MemoryResult) : null;
        var ratios = first.Ratios with
        {
            ColdLargeOverSmall = ColdMemoryTargets.LargeOverSmall(cold),
            ColdSmallOverBaseline = ColdMemoryTargets.SmallOverBaseline(cold),
        };
        IReadOnlyList<TargetCheck> targets = [.. Targets.Check(runs), .. ColdMemoryTargets.Check(first.Topology, cold, memory, ratios)];
        var settings = (options.OptionalText("settings") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
        var lost = runs.Sum(run => run.Ours.ReadBack.Lost) + baseline.ReadBack.Lost;
        var result = new LatestResult(
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            options.OptionalText("mode") ?? "full",
            options.OptionalText("commit"),
            MachineInfo.Describe(options.OptionalText("note") ?? ""),
            settings,
            first.Ours,
            baseline,
            pgbench,
            ratios,
            separate is null ? null : new TopologyResult(separate.Topology, separate.Ours, separate.Ratios),
            targets,
            targets.All(target => target.Met),
            lost,
            cold,
            memory);
        await ResultFiles.WriteAsync(options.Text("out"), result, BenchJsonContext.Default.LatestResult);
        Console.WriteLine(TablePrinter.Render(result, runs));
        return lost > 0 ? 1 : 0;
    }
}
