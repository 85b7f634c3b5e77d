namespace OrleansRemarks.Bench.LoadGenerator.Http;

/// <summary>The callback and query API as the workloads call it; <c>worker</c> picks the caller's connection.</summary>
public interface IRemarkApi
{
    /// <summary>True only for HTTP 200 with <c>actionCode</c> 0: the service says the change is durable.</summary>
    Task<bool> PostCallbackAsync(int worker, string owner, string friend, string remark, string operationId);

    /// <summary>The stored remark, null on 404; throws on any other status.</summary>
    Task<string?> GetRemarkAsync(int worker, string owner, string friend);

    /// <summary>friend → remark for the requested friends that have one; throws on a non-200 reply.</summary>
    Task<Dictionary<string, string>> LookupAsync(int worker, string owner, IReadOnlyList<string> friends);
}
