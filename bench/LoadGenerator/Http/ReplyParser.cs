using System.Text.Json;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>Reads the service's JSON replies.</summary>
public static class ReplyParser
{
    public static bool ActionCodeIsZero(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("actionCode"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.GetInt32() == 0;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string? Remark(ReadOnlyMemory<byte> body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("remark").GetString();
    }

    public static Dictionary<string, string> LookupItems(ReadOnlyMemory<byte> body)
    {
        using var json = JsonDocument.Parse(body);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            found[item.GetProperty("friendUserID").GetString()!] = item.GetProperty("remark").GetString()!;
        }

        return found;
    }
}
