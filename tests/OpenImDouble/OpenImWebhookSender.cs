using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace OrleansRemarks.OpenImDouble;

/// <summary>
/// Sends after-callbacks the way an OpenIM RPC process does: a bounded queue (100) drained by two
/// workers, so callbacks for one pair can arrive out of order; a full queue drops the callback
/// silently; nothing is retried and replies are not read. Bodies are Go-encoded (<see cref="GoJson"/>).
/// <paramref name="lossShare"/> more are lost on top (a restart of the OpenIM process, say).
/// </summary>
public sealed class OpenImWebhookSender : IAsyncDisposable
{
    private readonly Channel<(string Command, byte[] Body, string OperationId)> _queue;
    private readonly HttpClient _client;
    private readonly string _basePath;
    private readonly Random _random;
    private readonly double _lossShare;
    private readonly Task[] _workers;
    private int _dropped;
    private int _sent;
    private int _acknowledged;

    public OpenImWebhookSender(HttpClient client, Random random, double lossShare, string basePath = "/callbackExample", int workers = 2, int queue = 100)
    {
        _client = client;
        _random = random;
        _lossShare = lossShare;
        _basePath = basePath;
        _queue = Channel.CreateBounded<(string, byte[], string)>(new BoundedChannelOptions(queue) { FullMode = BoundedChannelFullMode.DropWrite });
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
    }

    public int Dropped => Volatile.Read(ref _dropped);

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Callbacks answered HTTP 200 with errCode 0: the service says they are durable.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public void AfterSetRemark(string owner, string friend, string remark, string operationId) =>
        Enqueue("callbackAfterSetFriendRemarkCommand", GoJson.FriendRemarkCallback("callbackAfterSetFriendRemarkCommand", owner, friend, remark), operationId);

    public void AfterDeleteFriend(string owner, string friend, string operationId) =>
        Enqueue("callbackAfterDeleteFriendCommand", GoJson.DeleteFriendCallback(owner, friend), operationId);

    /// <summary>Waits until the queue is drained.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync();

    private void Enqueue(string command, byte[] body, string operationId)
    {
        bool lost;
        lock (_random)
        {
            lost = _random.NextDouble() < _lossShare;
        }

        if (lost || !_queue.Writer.TryWrite((command, body, operationId)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WorkAsync()
    {
        await foreach (var (command, body, operationId) in _queue.Reader.ReadAllAsync())
        {
            int jitterMs;
            lock (_random)
            {
                jitterMs = _random.Next(0, 4);
            }

            await Task.Delay(jitterMs);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{_basePath}/{command}") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
                request.Headers.TryAddWithoutValidation("Operationid", operationId);
                using var response = await _client.SendAsync(request);
                Interlocked.Increment(ref _sent);
                if (response.StatusCode == HttpStatusCode.OK
                    && JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement.GetProperty("errCode").GetInt32() == 0)
                {
                    Interlocked.Increment(ref _acknowledged);
                }
            }
            catch (HttpRequestException)
            {
                // OpenIM does not even log a failed after-callback.
            }
        }
    }
}
