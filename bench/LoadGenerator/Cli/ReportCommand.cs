using OrleansRemarks.Bench.LoadGenerator.Report;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Cli;

/// <summary>Joins the two suites and pgbench into latest.json and prints the table. Exit 1 when anything was lost.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var ours = await ResultFiles.ReadAsync(options.Text("ours"), BenchJsonContext.Default.SuiteResult);
        var baseline = await ResultFiles.ReadAsync(options.Text("baseline"), BenchJsonContext.Default.SuiteResult);
        var pgbench = PgbenchOutput.Read(options.Text("pgbench-summary"), options.Text("pgbench-log-prefix"));
        // The cold and memory phases (issue #14 items 2, 3) are optional inputs.
        var coldOurs = options.OptionalText("cold-ours") is { } coldOursFile ? await ResultFiles.ReadAsync(coldOursFile, BenchJsonContext.Default.ColdResult) : null;
        var coldBaseline = options.OptionalText("cold-baseline") is { } coldBaseFile ? await ResultFiles.ReadAsync(coldBaseFile, BenchJsonContext.Default.ColdResult) : null;
        var cold = coldOurs is not null && coldBaseline is not null ? ColdReport.From(coldOurs, coldBaseline) : null;
        var memory = options.OptionalText("memory") is { } memoryFile ? await ResultFiles.ReadAsync(memoryFile, BenchJsonContext.Default.MemoryResult) : null;
        var ratios = Targets.Compute(ours, baseline, pgbench) with
        {
            ColdLargeOverSmall = ColdMemoryTargets.LargeOverSmall(cold),
            ColdSmallOverBaseline = ColdMemoryTargets.SmallOverBaseline(cold),
        };
        IReadOnlyList<TargetCheck> targets = [.. Targets.Check(ours, baseline, ratios), .. ColdMemoryTargets.Check(cold, memory, ratios)];
        var settings = (options.OptionalText("settings") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
        var lost = ours.ReadBack.Lost + baseline.ReadBack.Lost;
        var result = new LatestResult(
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            options.OptionalText("mode") ?? "full",
            options.OptionalText("commit"),
            MachineInfo.Describe(options.OptionalText("note") ?? ""),
            settings,
            ours,
            baseline,
            pgbench,
            ratios,
            targets,
            targets.All(target => target.Met),
            lost,
            cold,
            memory);
        await ResultFiles.WriteAsync(options.Text("out"), result, BenchJsonContext.Default.LatestResult);
        Console.WriteLine(TablePrinter.Render(result));
        return lost > 0 ? 1 : 0;
    }
}
