using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.WebFront.Policy;

/// <summary>
/// <c>orleansremarks_policy_decisions_total{rule, decision}</c> and the decision latency histogram
/// <c>orleansremarks_policy_decision_duration_seconds{decision}</c>: one sample per before-set-remark
/// callback the policy answered (none while every rule is off).
/// </summary>
public sealed class PolicyMetrics
{
    /// <summary>From 0.1 ms (rules without state) up to the longest <c>Policy:TimeoutMilliseconds</c> (<see cref="PolicyOptions.LongestTimeoutMilliseconds"/>).</summary>
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;

    public PolicyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Extensions.RemarksMeterName);
        _decisions = meter.CreateCounter<long>(
            "orleansremarks.policy.decisions",
            description: "Before-set-remark callbacks decided by the remark policy, by deciding rule and decision.");
        _duration = meter.CreateHistogram(
            "orleansremarks.policy.decision.duration",
            unit: "s",
            description: "Time from receiving a before-set-remark callback to the policy's reply.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public void Record(PolicyDecision decision, TimeSpan elapsed)
    {
        _decisions.Add(1, new TagList
        {
            { "rule", PolicyLabels.Of(decision.Rule) },
            { "decision", PolicyLabels.Of(decision.Kind) },
        });
        _duration.Record(elapsed.TotalSeconds, new TagList { { "decision", PolicyLabels.Of(decision.Kind) } });
    }
}
