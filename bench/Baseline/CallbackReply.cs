using System.Text.Json.Serialization;

namespace OrleansRemarks.Bench.Baseline;

public sealed record CallbackReply(
    [property: JsonPropertyName("actionCode")] int ActionCode,
    [property: JsonPropertyName("errCode")] int ErrCode,
    [property: JsonPropertyName("errMsg")] string ErrMsg,
    [property: JsonPropertyName("errDlt")] string ErrDlt,
    [property: JsonPropertyName("nextCode")] int NextCode)
{
    public static CallbackReply Continue { get; } = new(0, 0, "", "", 0);

    public static CallbackReply Failure(string message) => new(1, 20001, message, "", 0);
}
