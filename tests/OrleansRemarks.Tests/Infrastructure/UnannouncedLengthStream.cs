namespace OrleansRemarks.Tests.Infrastructure;

/// <summary>A readable stream that does not know its length, so HttpClient sends it chunked (no Content-Length).</summary>
public sealed class UnannouncedLengthStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();
}
