using System.Buffers;

namespace OrleansRemarks.WebFront.Callbacks;

public static class CallbackBodyReader
{
    /// <summary>
    /// The whole body, or null as soon as it proves longer than <paramref name="maxBytes"/>. Reads
    /// Kestrel's own buffers and copies once into an array of the body's size: on the ingest path
    /// every other allocation shows up in GC time.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            // Nothing consumed, everything examined: the next read returns once more has arrived.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
