using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansRemarks.Tests.Operations;

/// <summary>A parsed <c>/metrics</c> answer (Prometheus text format) of one process at one moment.</summary>
public sealed partial class MetricsScrape(IReadOnlyList<MetricSample> samples)
{
    public IReadOnlyList<MetricSample> Samples { get; } = samples;

    public static async Task<MetricsScrape> TakeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Parse(text);
    }

    public static MetricsScrape Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(pair => pair.Groups["label"].Value, pair => pair.Groups["value"].Value);
            samples.Add(new MetricSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }

        return new MetricsScrape(samples);
    }

    /// <summary>The sum over every series of <paramref name="name"/> that has all these labels (0 when there is none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && sample.HasLabels(labels)).Sum(sample => sample.Value);

    public bool Has(string name, params (string Label, string Value)[] labels) =>
        Samples.Any(sample => sample.Name == name && sample.HasLabels(labels));

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<label>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex LabelPair();
}

/// <summary>One line of a Prometheus text scrape: <c>name{label="value",…} 12.5</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool HasLabels(IEnumerable<(string Label, string Value)> labels) =>
        labels.All(label => Labels.TryGetValue(label.Label, out var value) && value == label.Value);
}
