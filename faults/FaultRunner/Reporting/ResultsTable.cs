using System.Globalization;
using System.Text;

namespace OrleansRemarks.FaultRunner.Reporting;

/// <summary>The results as a Markdown table (printed, and written for docs/RELIABILITY.md).</summary>
public static class ResultsTable
{
    public static string Render(IEnumerable<ScenarioResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| Scenario | Fault | Sent | Acknowledged | Errors | Lost | Duplicates detected | Recovery | Result | Notes |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var result in results)
        {
            var notes = string.Join("; ", result.Failures.Concat(result.Notes)).Replace("|", "\\|", StringComparison.Ordinal);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {result.Name} | {result.Description} | {result.Sent} | {result.Acknowledged} | {result.Errors} | {result.Lost} | {result.DuplicatesDetected} | {FormatRecovery(result.Recovery)} | {(result.Passed ? "pass" : "FAIL")} | {notes} |");
        }

        return table.ToString();
    }

    private static string FormatRecovery(TimeSpan? recovery) =>
        recovery is { } value ? value.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture) : "n/a";
}
