using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection with hand-written framing: the request bytes go out as
/// given, the reply is read by Content-Length or chunked encoding. Several times cheaper per
/// request than HttpClient, so on a 2-core machine the load generator takes less CPU away from
/// the server it measures. One caller at a time.
/// </summary>
public sealed class RawHttpConnection(string host, int port) : IAsyncDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _body = new();
    private Socket? _socket;
    private int _start;
    private int _end;

    /// <summary>Sends <paramref name="request"/> and returns the status code and the body (valid until the next call).</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(ReadOnlyMemory<byte> request)
    {
        try
        {
            return await ExchangeAsync(request);
        }
        catch
        {
            // The connection's state is unknown: the next request opens a new one.
            await DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
        return ValueTask.CompletedTask;
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> ExchangeAsync(ReadOnlyMemory<byte> request)
    {
        if (_socket is null)
        {
            _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await _socket.ConnectAsync(host, port);
        }

        while (!request.IsEmpty)
        {
            request = request[await _socket.SendAsync(request, SocketFlags.None)..];
        }

        var headerLength = await ReadUntilAsync(HeaderEnd) + HeaderEnd.Length;
        var headers = _buffer.AsSpan(_start, headerLength);
        var status = ParseStatus(headers);
        var contentLength = HeaderValue(headers, "content-length: "u8);
        var chunked = contentLength is null && HeaderValue(headers, "transfer-encoding: "u8) is not null;
        _start += headerLength;
        _body.SetLength(0);
        if (contentLength is { } length)
        {
            await CopyBodyAsync(length);
        }
        else if (chunked)
        {
            await ReadChunksAsync();
        }

        return (status, _body.GetBuffer().AsMemory(0, (int)_body.Length));
    }

    private async Task ReadChunksAsync()
    {
        while (true)
        {
            var lineLength = await ReadUntilAsync(LineEnd);
            var size = int.Parse(Encoding.ASCII.GetString(_buffer, _start, lineLength).Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            _start += lineLength + LineEnd.Length;
            await CopyBodyAsync(size);
            await ReadUntilAsync(LineEnd);
            _start += LineEnd.Length;
            if (size == 0)
            {
                return;
            }
        }
    }

    private async Task CopyBodyAsync(int length)
    {
        while (length > 0)
        {
            if (_start == _end)
            {
                await FillAsync();
            }

            var take = Math.Min(length, _end - _start);
            _body.Write(_buffer, _start, take);
            _start += take;
            length -= take;
        }
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns its offset from the read position.</summary>
    private async Task<int> ReadUntilAsync(byte[] marker)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (found >= 0)
            {
                return found;
            }

            await FillAsync();
        }
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException("HTTP reply header or chunk line larger than the buffer.");
        }

        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        _end += read > 0 ? read : throw new IOException("The server closed the connection.");
    }

    private static int ParseStatus(ReadOnlySpan<byte> headers) =>
        headers.Length > 12 && Utf8Parser.TryParse(headers[9..12], out int status, out _)
            ? status
            : throw new IOException("Not an HTTP/1.1 reply.");

    /// <summary>The value of a header as an integer (for Content-Length), 0 when present but not numeric, null when absent.</summary>
    private static int? HeaderValue(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> lowerCaseName)
    {
        for (var line = 0; line < headers.Length;)
        {
            var next = headers[line..].IndexOf("\r\n"u8);
            var current = next < 0 ? headers[line..] : headers.Slice(line, next);
            if (current.Length >= lowerCaseName.Length && Ascii.EqualsIgnoreCase(current[..lowerCaseName.Length], lowerCaseName))
            {
                return Utf8Parser.TryParse(current[lowerCaseName.Length..], out int value, out _) ? value : 0;
            }

            line += next < 0 ? headers.Length : next + 2;
        }

        return null;
    }
}
