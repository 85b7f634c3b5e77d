namespace OrleansRemarks.Tests.Operations;

/// <summary>One line of a Prometheus text scrape: <c>name{label="value",…} 12.5</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool HasLabels(IEnumerable<(string Label, string Value)> labels) =>
        labels.All(label => Labels.TryGetValue(label.Label, out var value) && value == label.Value);
}
