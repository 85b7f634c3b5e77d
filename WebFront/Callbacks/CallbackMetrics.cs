using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansRemarks.ServiceDefaults;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// <c>orleansremarks_callbacks_total{command, outcome}</c> and the callback latency histogram
/// <c>orleansremarks_callback_duration_seconds{command, outcome}</c>. The command label is one of the
/// commands this service knows, or <c>other</c>: it comes from the URL, so it must not be unbounded.
/// </summary>
public sealed class CallbackMetrics
{
    public const string OtherCommand = "other";

    /// <summary>From 1 ms (a replay answered from memory) to the longest <c>Callback:TimeoutSeconds</c> allowed.</summary>
    private static readonly double[] DurationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, CallbackOptions.LongestTimeoutSeconds];

    private readonly Counter<long> _callbacks;
    private readonly Histogram<double> _duration;

    public CallbackMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Extensions.RemarksMeterName);
        _callbacks = meter.CreateCounter<long>(
            "orleansremarks.callbacks",
            description: "OpenIM callbacks answered, by command and outcome.");
        _duration = meter.CreateHistogram(
            "orleansremarks.callback.duration",
            unit: "s",
            description: "Time from receiving an OpenIM callback to its reply.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public void Record(string command, CallbackOutcome outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "command", CommandLabel(command) },
            { "outcome", OutcomeLabel(outcome) },
        };
        _callbacks.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public static string CommandLabel(string command) =>
        CallbackCommands.Classify(command) == CallbackCommandKind.Other ? OtherCommand : command;

    public static string OutcomeLabel(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Applied => "applied",
        CallbackOutcome.Unchanged => "unchanged",
        CallbackOutcome.Duplicate => "duplicate",
        CallbackOutcome.Rejected => "rejected",
        CallbackOutcome.Failed => "failed",
        CallbackOutcome.Ignored => "ignored",
        CallbackOutcome.Decided => "decided",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown callback outcome."),
    };
}
