using System.Text.Json;

namespace OrleansRemarks.Tests.Operations;

/// <summary>One line of the console logger's JSON format (<c>Logging:Console:FormatterName=json</c>).</summary>
public sealed record JsonLogLine(string Category, string LogLevel, string Message, IReadOnlyDictionary<string, string?> State)
{
    /// <summary>Parses every non-empty line; asserts each one is a JSON log object.</summary>
    public static IReadOnlyList<JsonLogLine> ParseAll(string output, params string[] plainLinesAllowed) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !plainLinesAllowed.Any(line.StartsWith))
            .Select(Parse)
            .ToList();

    public static JsonLogLine Parse(string line)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"Not a JSON log line ({exception.Message}): {line}");
        }

        using (json)
        {
            var root = json.RootElement;
            var state = root.TryGetProperty("State", out var stateElement) && stateElement.ValueKind == JsonValueKind.Object
                ? stateElement.EnumerateObject().ToDictionary(
                    property => property.Name,
                    property => property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.ToString())
                : new Dictionary<string, string?>();
            return new JsonLogLine(
                root.GetProperty("Category").GetString()!,
                root.GetProperty("LogLevel").GetString()!,
                root.GetProperty("Message").GetString()!,
                state);
        }
    }
}
