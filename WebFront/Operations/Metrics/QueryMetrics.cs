using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.WebFront.Operations.Metrics;

/// <summary>
/// <c>orleansremarks_lookups_total{endpoint, outcome}</c>: query API requests by endpoint name
/// (<c>GetRemark</c>, <c>ListRemarks</c>, <c>LookupRemarks</c>) and outcome
/// (<c>ok</c>, <c>not_found</c>, <c>invalid</c>, <c>unavailable</c>, <c>failed</c>).
/// </summary>
public sealed class QueryMetrics
{
    private readonly Counter<long> _lookups;

    public QueryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Extensions.RemarksMeterName);
        _lookups = meter.CreateCounter<long>(
            "orleansremarks.lookups",
            description: "Remark query API requests, by endpoint and outcome.");
    }

    public void Record(string endpoint, int statusCode) =>
        _lookups.Add(1, new TagList { { "endpoint", endpoint }, { "outcome", OutcomeLabel(statusCode) } });

    public static string OutcomeLabel(int statusCode) => statusCode switch
    {
        StatusCodes.Status200OK => "ok",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "failed",
    };
}
