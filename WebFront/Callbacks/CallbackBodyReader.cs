namespace OrleansRemarks.WebFront.Callbacks;

public static class CallbackBodyReader
{
    /// <summary>The whole body, or null as soon as it proves longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 1024, maxBytes));
        var chunk = new byte[Math.Min(8192, maxBytes + 1)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
