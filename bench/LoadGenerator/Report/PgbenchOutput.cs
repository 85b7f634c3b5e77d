using System.Globalization;
using System.Text.RegularExpressions;
using OrleansRemarks.Bench.LoadGenerator.Measure;

namespace OrleansRemarks.Bench.LoadGenerator.Report;

/// <summary>Reads pgbench's summary (stdout) and its per-transaction logs (<c>-l</c>: the third column is the latency in µs).</summary>
public static partial class PgbenchOutput
{
    public static PgbenchResult Read(string summaryPath, string logPrefix)
    {
        var summary = File.ReadAllText(summaryPath);
        var latencies = new LatencyHistogram();
        var folder = Path.GetDirectoryName(Path.GetFullPath(logPrefix))!;
        foreach (var log in Directory.EnumerateFiles(folder, Path.GetFileName(logPrefix) + ".*"))
        {
            foreach (var line in File.ReadLines(log))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds))
                {
                    latencies.Record(microseconds);
                }
            }
        }

        return new PgbenchResult(
            (int)Number(ClientsPattern(), summary),
            (long)Number(ProcessedPattern(), summary),
            FailedPattern().Match(summary) is { Success: true } failed ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Math.Round(Number(TpsPattern(), summary), 1),
            Math.Round(latencies.Count == 0 ? 0 : latencies.SumMicroseconds / latencies.Count / 1000, 3),
            Math.Round(latencies.PercentileMicroseconds(50) / 1000.0, 3),
            Math.Round(latencies.PercentileMicroseconds(99) / 1000.0, 3));
    }

    private static double Number(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"pgbench output has no line matching '{pattern}'.");

    [GeneratedRegex(@"number of clients: (\d+)")]
    private static partial Regex ClientsPattern();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedPattern();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedPattern();

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();
}

/// <param name="PerSecond">pgbench's tps (without initial connection time).</param>
public sealed record PgbenchResult(
    int Clients,
    long Transactions,
    long Failed,
    double PerSecond,
    double MeanMs,
    double P50Ms,
    double P99Ms);
