namespace OrleansRemarks.FaultRunner.Load;

/// <param name="Acknowledged">HTTP 200 with <c>"actionCode":0</c> and <c>"errCode":0</c>.</param>
/// <param name="SentAt">When the request left this process.</param>
/// <param name="Error">Why it failed, for the error summary; null when acknowledged.</param>
public sealed record DeliveryOutcome(bool Acknowledged, DateTimeOffset SentAt, TimeSpan Elapsed, string? Error);
