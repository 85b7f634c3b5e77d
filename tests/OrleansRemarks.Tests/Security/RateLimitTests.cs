using System.Net;
using OrleansRemarks.Tests.Http;
using static OrleansRemarks.Tests.Security.SecurityClusterFixture;

namespace OrleansRemarks.Tests.Security;

/// <summary>
/// The query API's per-client token bucket (here 3 at once, then 1 a second): 429 with Retry-After
/// once spent. A client is its valid API key, else its address after trusted-proxy processing.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class RateLimitTests(SecurityClusterFixture cluster)
{
    private const int Burst = 3;
    private const int Attempts = 12;

    /// <summary>A third key, so each test that spends a bucket spends its own.</summary>
    private const string KeyC = "key-C-00112233445566778899aabbcc";

    private static readonly (string, string)[] Tight = [("Api__RateLimit__PermitsPerSecond", "1"), ("Api__RateLimit__Burst", Burst.ToString())];

    private static readonly (string, string)[] TightWithKeyC = [.. Tight, ("Api__Keys__2", KeyC)];

    [Fact]
    public async Task After_the_burst_a_client_gets_429_with_retry_after_and_then_may_retry()
    {
        using var client = (await cluster.WebFrontAsync("limited-keys", WithKeys(TightWithKeyC))).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var attempt = 0; attempt < Attempts && rejected is null; attempt++)
        {
            var response = await client.SendAsync(Requests.Get(path, bearer: KeyC));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(rejected);
        using (rejected)
        {
            Assert.True(statuses.Count > Burst, string.Join(",", statuses)); // the burst itself was served
            Assert.All(statuses.SkipLast(1), status => Assert.Equal(HttpStatusCode.NotFound, status));
            var retryAfter = rejected.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
            using var problem = await RemarkApi.AssertProblemAsync(rejected, HttpStatusCode.TooManyRequests);

            await Task.Delay(retryAfter.Value + TimeSpan.FromMilliseconds(200));
            using var retried = await client.SendAsync(Requests.Get(path, bearer: KeyC));
            Assert.Equal(HttpStatusCode.NotFound, retried.StatusCode);
        }
    }

    [Fact]
    public async Task Each_api_key_has_its_own_bucket()
    {
        using var client = (await cluster.WebFrontAsync("limited-keys", WithKeys(TightWithKeyC))).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        var first = await StatusesAsync(client, () => Requests.Get(path, bearer: KeyA));
        using var other = await client.SendAsync(Requests.Get(path, bearer: KeyB));

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_count_against_the_address_so_guessing_is_limited_too()
    {
        using var client = (await cluster.WebFrontAsync("limited-keys", WithKeys(TightWithKeyC))).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        var statuses = await StatusesAsync(client, () => Requests.Get(path, bearer: "guess-" + Guid.NewGuid().ToString("N")));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_does_not_buy_a_fresh_bucket()
    {
        using var client = (await cluster.WebFrontAsync("limited-anonymous", Tight.ToDictionary(s => s.Item1, s => s.Item2))).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");
        var next = 0;

        var statuses = await StatusesAsync(client, () => Requests.Get(path, forwardedFor: $"192.0.2.{++next}"));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_address_has_its_own_bucket()
    {
        var settings = Tight.Append(("Network__TrustedProxies__0", "127.0.0.1")).ToDictionary(s => s.Item1, s => s.Item2);
        using var client = (await cluster.WebFrontAsync("limited-behind-proxy", settings)).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        var first = await StatusesAsync(client, () => Requests.Get(path, forwardedFor: "198.51.100.1"));
        using var second = await client.SendAsync(Requests.Get(path, forwardedFor: "198.51.100.2"));

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Without_permits_per_second_the_query_api_is_not_rate_limited()
    {
        // The default: a backend calling at its full rate is never throttled until an operator sets a limit.
        using var client = (await cluster.WebFrontAsync("burst-only", new Dictionary<string, string> { ["Api__RateLimit__Burst"] = Burst.ToString() })).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");

        var statuses = await StatusesAsync(client, () => Requests.Get(path));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    [Fact]
    public async Task An_ipv6_client_is_one_partition_per_64_bit_prefix()
    {
        var settings = Tight.Append(("Network__TrustedProxies__0", "127.0.0.1")).ToDictionary(s => s.Item1, s => s.Item2);
        using var client = (await cluster.WebFrontAsync("limited-behind-proxy", settings)).CreateClient();
        var path = RemarkApi.RemarkPath(RemarkApi.NewUser(), "friend");
        var site = Random.Shared.Next(0x10000);
        var subnet = Random.Shared.Next(0xFFFF);
        var next = 0;

        // Every request from a new address of the same /64: a fresh address buys no fresh bucket.
        var sameNetwork = await StatusesAsync(client, () => Requests.Get(path, forwardedFor: $"2001:db8:{site:x}:{subnet:x}::{++next:x}"));
        using var otherNetwork = await client.SendAsync(Requests.Get(path, forwardedFor: $"2001:db8:{site:x}:{subnet + 1:x}::1"));

        Assert.Contains(HttpStatusCode.TooManyRequests, sameNetwork);
        Assert.Equal(HttpStatusCode.NotFound, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Callbacks_are_not_rate_limited()
    {
        using var client = (await cluster.WebFrontAsync("limited-anonymous", Tight.ToDictionary(s => s.Item1, s => s.Item2))).CreateClient();
        var owner = RemarkApi.NewUser();

        var statuses = await StatusesAsync(client, () => Requests.SetRemarkCallback(owner, "friend", "Bob"));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>Sends <see cref="Attempts"/> requests one after the other, faster than the bucket refills.</summary>
    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var message = request();
            using var response = await client.SendAsync(message);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
