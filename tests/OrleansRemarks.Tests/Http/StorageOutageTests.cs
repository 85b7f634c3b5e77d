using System.Net;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// PostgreSQL stops under a running silo and web front: callbacks and queries answer 503, never a
/// success; once it is back both work again without restarting either process.
/// </summary>
public sealed class StorageOutageTests(DedicatedPostgresFixture service) : IClassFixture<DedicatedPostgresFixture>
{
    private const int AttemptsAfterRestart = 40;

    private readonly HttpClient _client = service.Client;
    private readonly OpenImCallbackSender _callbacks = service.Callbacks;
    private readonly RemarkApi _remarks = service.Remarks;

    [Fact]
    public async Task Database_down_is_503_and_database_back_is_success_again()
    {
        var activeOwner = "active-" + Guid.NewGuid().ToString("N")[..8];
        var coldOwner = "cold-" + Guid.NewGuid().ToString("N")[..8];
        (await _callbacks.SetRemarkAsync(activeOwner, "friend", "before the outage", "op-1")).AssertSuccess();

        await service.Postgres.StopAsync();
        try
        {
            // A write on an active owner, an owner whose state must be loaded, and a cold read.
            (await _callbacks.SetRemarkAsync(activeOwner, "friend", "during the outage", "op-2")).AssertFailure(HttpStatusCode.ServiceUnavailable, 25001, "write");
            (await _callbacks.SetRemarkAsync(coldOwner, "friend", "during the outage", "op-3")).AssertFailure(HttpStatusCode.ServiceUnavailable, 25001, "activation");
            (await _callbacks.DeleteFriendAsync(activeOwner, "friend", "op-4")).AssertFailure(HttpStatusCode.ServiceUnavailable, 25001, "delete");
            using var coldRead = await _client.GetAsync(RemarkApi.RemarkPath(coldOwner, "friend"));
            using var problem = await RemarkApi.AssertProblemAsync(coldRead, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await service.Postgres.StartAsync();
        }

        // Pooled connections broken by the outage may fail a first call; every answer must still be 200 or 503.
        var recovered = await RetryUntilSuccessAsync(() => _callbacks.SetRemarkAsync(activeOwner, "friend", "after the outage", "op-5"));
        Assert.True(recovered, service.WebFront.Output);
        (await _callbacks.SetRemarkAsync(coldOwner, "friend", "cold owner after", "op-6")).AssertSuccess();
        Assert.Equal("after the outage", (await _remarks.GetAsync(activeOwner, "friend"))?.Remark);
        Assert.Equal("cold owner after", (await _remarks.GetAsync(coldOwner, "friend"))?.Remark);
        Assert.False(service.Silo.HasExited);
    }

    private static async Task<bool> RetryUntilSuccessAsync(Func<Task<CallbackResponse>> call)
    {
        for (var attempt = 0; attempt < AttemptsAfterRestart; attempt++)
        {
            var response = await call();
            if (response.Status == HttpStatusCode.OK)
            {
                response.AssertSuccess();
                return true;
            }

            response.AssertFailure(HttpStatusCode.ServiceUnavailable, 25001, $"attempt {attempt}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }
}

/// <summary>A deployment on its own PostgreSQL server, which its tests stop and start again.</summary>
public sealed class DedicatedPostgresFixture : RemarksServiceFixture
{
    protected override bool OwnsPostgres => true;
}
