using System.Globalization;
using System.Text;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>
/// The API over <see cref="RawHttpConnection"/>s, one per worker, with requests framed as OpenIM's Go
/// client frames them (header order Host, User-Agent, Content-Length, Content-Type, Operationid,
/// Accept-Encoding). Used for the measured phases.
/// </summary>
public sealed class RawRemarkApi(Uri baseAddress, int workers) : IRemarkApi, IAsyncDisposable
{
    private readonly RawHttpConnection[] _connections =
        [.. Enumerable.Range(0, workers).Select(_ => new RawHttpConnection(baseAddress.Host, baseAddress.Port))];

    private readonly string _host = baseAddress.Authority;

    public async Task<bool> PostCallbackAsync(int worker, string owner, string friend, string remark, string operationId)
    {
        var body = CallbackBody.Encode(owner, friend, remark);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST {RequestText.CallbackPath} HTTP/1.1\r\nHost: {_host}\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: {body.Length}\r\nContent-Type: application/json; charset=utf-8\r\nOperationid: {operationId}\r\nAccept-Encoding: gzip\r\n\r\n");
        var (status, reply) = await _connections[worker].SendAsync(Concat(head, body));
        return status == 200 && ReplyParser.ActionCodeIsZero(reply.Span);
    }

    /// <summary>
    /// A before-set-remark callback; true for HTTP 200 with <c>actionCode</c> 0, which every policy
    /// answer has ("continue", a rewrite, or a refusal, which OpenIM tells apart by <c>nextCode</c>).
    /// </summary>
    public async Task<bool> PostBeforeCallbackAsync(int worker, string owner, string friend, string remark, string operationId)
    {
        var body = CallbackBody.Encode(CallbackBody.BeforeCommand, owner, friend, remark);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST {RequestText.BeforeCallbackPath} HTTP/1.1\r\nHost: {_host}\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: {body.Length}\r\nContent-Type: application/json; charset=utf-8\r\nOperationid: {operationId}\r\nAccept-Encoding: gzip\r\n\r\n");
        var (status, reply) = await _connections[worker].SendAsync(Concat(head, body));
        return status == 200 && ReplyParser.ActionCodeIsZero(reply.Span);
    }

    public async Task<string?> GetRemarkAsync(int worker, string owner, string friend)
    {
        var head = $"GET {RequestText.RemarkPath(owner, friend)} HTTP/1.1\r\nHost: {_host}\r\n\r\n";
        var (status, reply) = await _connections[worker].SendAsync(Encoding.ASCII.GetBytes(head));
        return status switch
        {
            200 => ReplyParser.Remark(reply),
            404 => null,
            _ => throw new HttpRequestException($"GET answered {status}."),
        };
    }

    public async Task<Dictionary<string, string>> LookupAsync(int worker, string owner, IReadOnlyList<string> friends)
    {
        var body = RequestText.LookupBody(friends);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST {RequestText.LookupPath(owner)} HTTP/1.1\r\nHost: {_host}\r\nContent-Length: {body.Length}\r\nContent-Type: application/json\r\n\r\n");
        var (status, reply) = await _connections[worker].SendAsync(Concat(head, body));
        return status == 200 ? ReplyParser.LookupItems(reply) : throw new HttpRequestException($"Lookup answered {status}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static byte[] Concat(string head, byte[] body)
    {
        var request = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
        var written = Encoding.ASCII.GetBytes(head, request);
        body.CopyTo(request, written);
        return request;
    }
}
