namespace OrleansRemarks.FaultRunner.Load;

/// <param name="Acknowledged">HTTP 200 with <c>"actionCode":0</c> and <c>"errCode":0</c>.</param>
/// <param name="Status">The HTTP status, or 0 when no answer came (connection error, timeout).</param>
/// <param name="SentAt">When the request left this process.</param>
/// <param name="Error">Why it failed, for the error summary; null when acknowledged.</param>
public sealed record DeliveryOutcome(bool Acknowledged, int Status, DateTimeOffset SentAt, TimeSpan Elapsed, string? Error);
