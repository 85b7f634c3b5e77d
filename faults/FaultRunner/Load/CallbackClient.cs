using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansRemarks.OpenImDouble;

namespace OrleansRemarks.FaultRunner.Load;

/// <summary>
/// Sends callbacks as OpenIM does (POST, operationID header, Go-encoded JSON body) to the load balancer over
/// keep-alive connections, and reads the remark query API. Only ever talks to 127.0.0.1.
/// </summary>
public sealed class CallbackClient : IDisposable
{
    public const string Command = "callbackAfterSetFriendRemarkCommand";

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public CallbackClient(Uri baseUri, int connections, TimeSpan timeout)
    {
        if (!IPAddress.TryParse(baseUri.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The fault runner only sends traffic to loopback addresses, not to {baseUri.Host}.", nameof(baseUri));
        }

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        _timeout = timeout;
    }

    public async Task<DeliveryOutcome> SendAsync(RemarkPair pair, CallbackRecord callback, CancellationToken cancellationToken)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "callbackExample/" + Command)
            {
                Content = new ByteArrayContent(GoJson.FriendRemarkCallback(Command, pair.OwnerUserId, pair.FriendUserId, callback.Remark))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
                },
            };
            request.Headers.Add("operationID", callback.OperationId);
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var acknowledged = response.StatusCode == HttpStatusCode.OK && IsSuccessReply(body);
            return new DeliveryOutcome(acknowledged, sentAt, watch.Elapsed,
                acknowledged ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            var what = exception is OperationCanceledException ? "timeout" : exception.GetType().Name;
            return new DeliveryOutcome(false, sentAt, watch.Elapsed, what);
        }
    }

    /// <summary>The remark stored for the pair, or null when the API says there is none (404).</summary>
    /// <exception cref="HttpRequestException">Any other answer.</exception>
    public async Task<string?> ReadRemarkAsync(RemarkPair pair, CancellationToken cancellationToken, TimeSpan? timeLimit = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLimit ?? _timeout);
        var path = $"api/v1/users/{Uri.EscapeDataString(pair.OwnerUserId)}/remarks/{Uri.EscapeDataString(pair.FriendUserId)}";
        using var response = await _http.GetAsync(path, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        return json.RootElement.GetProperty("remark").GetString();
    }

    private static bool IsSuccessReply(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("actionCode", out var action) && action.ValueKind == JsonValueKind.Number && action.GetInt32() == 0 &&
                root.TryGetProperty("errCode", out var error) && error.ValueKind == JsonValueKind.Number && error.GetInt32() == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>How one callback delivery ended.</summary>
/// <param name="Acknowledged">HTTP 200 with <c>"actionCode":0</c> and <c>"errCode":0</c>.</param>
/// <param name="SentAt">When the request left this process.</param>
/// <param name="Error">Why it failed, for the error summary; null when acknowledged.</param>
public sealed record DeliveryOutcome(bool Acknowledged, DateTimeOffset SentAt, TimeSpan Elapsed, string? Error);
