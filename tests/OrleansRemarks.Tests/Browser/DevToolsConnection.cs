using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansRemarks.Tests.Browser;

/// <summary>
/// The Chrome DevTools Protocol over the browser's WebSocket: numbered commands answered by id, and
/// events (flattened sessions carry a <c>sessionId</c>) passed to <see cref="EventReceived"/> on the
/// receiving thread, which must not wait for a command's answer.
/// </summary>
public sealed class DevToolsConnection : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    public event Action<DevToolsEvent>? EventReceived;

    public static async Task<DevToolsConnection> ConnectAsync(Uri browserWebSocket)
    {
        var connection = new DevToolsConnection();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await connection._socket.ConnectAsync(browserWebSocket, timeout.Token);
        connection._receiving = Task.Run(connection.ReceiveAsync);
        return connection;
    }

    /// <summary>Sends a command and returns its <c>result</c>; a protocol error throws.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject
        {
            ["id"] = id,
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }),
        };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        await _sending.WaitAsync(_stop.Token);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sending.Release();
        }

        return await answer.Task.WaitAsync(CommandTimeout);
    }

    /// <summary>For event handlers: sends without waiting; failures after the browser closed do not matter.</summary>
    public void Post(string method, object parameters, string? sessionId) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await SendAsync(method, parameters, sessionId);
            }
            catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
            {
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                ValueWebSocketReceiveResult part;
                do
                {
                    part = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                    message.Write(buffer, 0, part.Count);
                }
                while (!part.EndOfMessage && part.MessageType != WebSocketMessageType.Close);

                if (part.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Dispatch(message.ToArray());
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new IOException("The DevTools connection closed."));
            }
        }
    }

    private void Dispatch(byte[] message)
    {
        using var json = JsonDocument.Parse(message);
        var root = json.RootElement;
        if (root.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt32(), out var waiting))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    waiting.TrySetException(new InvalidOperationException("DevTools error: " + error.GetRawText()));
                }
                else
                {
                    waiting.TrySetResult(root.GetProperty("result").Clone());
                }
            }

            return;
        }

        var parameters = root.TryGetProperty("params", out var values) ? values.Clone() : default;
        var sessionId = root.TryGetProperty("sessionId", out var session) ? session.GetString() : null;
        EventReceived?.Invoke(new DevToolsEvent(root.GetProperty("method").GetString()!, parameters, sessionId));
    }
}

/// <summary>A Chrome DevTools Protocol event, e.g. <c>Fetch.authRequired</c>, with the session it belongs to.</summary>
public sealed record DevToolsEvent(string Method, JsonElement Parameters, string? SessionId);
