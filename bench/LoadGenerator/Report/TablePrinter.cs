using System.Globalization;
using System.Text;
using OrleansRemarks.Bench.LoadGenerator.Measure;
using OrleansRemarks.Bench.LoadGenerator.Results;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>The table a run prints for each topology it measured, then every target.</summary>
public static class TablePrinter
{
    public static string Render(LatestResult result, IReadOnlyList<TopologyRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            RenderTopology(text, result, run);
            text.AppendLine();
        }

        foreach (var target in result.Targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{(target.Met ? "met" : "NOT met")}] {target.Topology} {target.Name}: {target.Requirement}: {F(target.Actual)}");
        }

        return text.ToString();
    }

    private static void RenderTopology(StringBuilder text, LatestResult result, TopologyRun run)
    {
        var ours = run.Ours;
        var baseline = run.Baseline;
        var pgbench = run.Pgbench;
        var ratios = run.Ratios;
        text.AppendLine(CultureInfo.InvariantCulture, $"OrleansRemarks benchmark ({result.Mode}, {run.Topology} silo), {result.Machine.Cores} cores, {result.Machine.Cpu}, {ours.Connections} connections, {ours.Owners} owners");
        Row(text, "phase", "ours", "baseline", "pgbench", "ours/base");
        Row(text, new string('-', 30), new string('-', 22), new string('-', 22), new string('-', 22), new string('-', 9));
        Row(text, "ingest callbacks/s (p50/p99 ms)", Phase(ours.Ingest), Phase(baseline.Ingest),
            string.Create(CultureInfo.InvariantCulture, $"{pgbench.PerSecond:0} ({pgbench.P50Ms:0.0}/{pgbench.P99Ms:0.0})"), F(ratios.IngestOursOverBaseline));
        if (ours.IngestAtHalfPeak is { } half)
        {
            Row(text, "ingest at half peak", Phase(half), baseline.IngestAtHalfPeak is { } baseHalf ? Phase(baseHalf) : "", "", "");
        }

        if (ours.BeforeCallback is { } before)
        {
            Row(text, "before-callback (policy)", Phase(before), "", "", "");
        }

        Row(text, "GET remark/s (p50/p99 ms)", Phase(ours.Get), Phase(baseline.Get), "", F(ratios.GetOursOverBaseline));
        Row(text, "lookup 100 IDs/s (p50/p99 ms)", Phase(ours.Lookup), Phase(baseline.Lookup), "", F(ratios.LookupOursOverBaseline));
        if (ours.LargeOwner is { } large)
        {
            Row(text, "change p50 ms 10,000 vs 10 fr.", F(large.Large.P50Ms), F(large.Small.P50Ms), "", F(large.LatencyRatioP50) + " (L/S)");
            Row(text, "WAL B/change 10,000 vs 10 fr.", large.Large.WalBytesMedian.ToString(CultureInfo.InvariantCulture),
                large.Small.WalBytesMedian.ToString(CultureInfo.InvariantCulture), "", F(large.WalBytesRatio) + " (L/S)");
            if (large.NonAscii is { } nonAscii)
            {
                Row(text, "WAL B/change 10,000 fr. 中文😀", nonAscii.WalBytesMedian.ToString(CultureInfo.InvariantCulture),
                    "", "", $"stored {PerFriend(nonAscii)} B/friend vs {PerFriend(large.Large)}");
            }

            if (large.UnchangedWithOperationId is { } repeat)
            {
                Row(text, "unchanged+opID p50 ms, WAL B", $"{F(repeat.P50Ms)}, {repeat.WalBytesMedian}", "", "", "");
            }
        }

        if (result.Cold is { } cold)
        {
            Row(text, $"first read p50/p99 ms, {cold.SmallFriends} fr.", $"{F(cold.SmallP50Ms)}/{F(cold.SmallP99Ms)}", $"{F(cold.BaselineP50Ms)}/{F(cold.BaselineP99Ms)}", "",
                F(result.Ratios.ColdSmallOverBaseline ?? double.NaN) + " (ours/base)");
            Row(text, $"first read p50/p99 ms, {cold.LargeFriends:N0} fr.", $"{F(cold.LargeP50Ms ?? double.NaN)}/{F(cold.LargeP99Ms ?? double.NaN)}", "", "",
                F(result.Ratios.ColdLargeOverSmall ?? double.NaN) + " (L/S)");
        }

        if (result.Memory is { } memory)
        {
            Row(text, "memory B/remark heap, RSS", $"{F(memory.BytesPerRemarkHeap)}, {F(memory.BytesPerRemarkRss)}", "", "",
                $"{memory.Remarks:N0} remarks; +{F(memory.AddedBytesPerRemarkHeap)}, +{F(memory.AddedBytesPerRemarkRss)} over idle; PG {F(memory.PostgresBytesPerRemark)} B/remark");
        }

        Row(text, "acknowledged / lost", $"{ours.ReadBack.Acknowledged} / {ours.ReadBack.Lost}", $"{baseline.ReadBack.Acknowledged} / {baseline.ReadBack.Lost}", "", "");
        text.AppendLine(CultureInfo.InvariantCulture, $"ingest ours/pgbench: {F(ratios.IngestOursOverPgbench)}");
    }

    private static string Phase(PhaseResult phase) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase.PerSecond:0} ({phase.P50Ms:0.0}/{phase.P99Ms:0.0})") + (phase.Errors > 0 ? $" err {phase.Errors}" : "");

    private static string PerFriend(ChangeCost cost) =>
        cost.StoredBytes is { } bytes && cost.Friends > 0 ? (bytes / cost.Friends).ToString(CultureInfo.InvariantCulture) : "?";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string name, string ours, string baseline, string pgbench, string ratio) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-31} {ours,-22} {baseline,-22} {pgbench,-22} {ratio}");
}
