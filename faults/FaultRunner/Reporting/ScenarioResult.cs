namespace OrleansRemarks.FaultRunner.Reporting;

/// <param name="Sent">Callback deliveries sent (a duplicate-storm callback counts 3 times).</param>
/// <param name="Acknowledged">Deliveries answered HTTP 200 with actionCode 0.</param>
/// <param name="Errors">Deliveries that failed (HTTP error, nginx 502/504, timeout, connection error).</param>
/// <param name="Lost">Pairs whose last acknowledged change is missing from the query API or PostgreSQL.</param>
/// <param name="DuplicatesDetected">Acknowledged deliveries the grains recognised as repeats: acknowledged − applied changes.</param>
/// <param name="Recovery">From the fault (or the repaired part's return) to the last failed delivery; zero without failures.</param>
public sealed record ScenarioResult(
    string Name,
    string Description,
    long Sent,
    long Acknowledged,
    long Errors,
    int Lost,
    long DuplicatesDetected,
    TimeSpan? Recovery,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
