using System.Globalization;
using OrleansRemarks.Bench.LoadGenerator.Http;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>
/// Before-set-remark callbacks over the primed owners (their grains are active, as for a live
/// deployment's recent users), with remarks the bench policy (bench/run.sh) allows, rewrites or
/// refuses, in a fixed mix. Nothing is stored, so the ledger is not involved.
/// </summary>
public sealed class BeforeCallbackWorkload(RawRemarkApi api, int owners, int friendsPerOwner, int workers)
{
    /// <summary>Allowed, rewritten (extra whitespace and a zero-width space), refused by length, refused by a blocked term.</summary>
    private static readonly string[] Remarks =
    [
        "Bob from work", "同事 Li 👍🏽", "  Dr.\u200B  Müller ", "Mom", new string('x', 80), "gym FORBIDDEN buddy", "老王", "Ana & Co",
    ];

    private readonly Random[] _random = [.. Enumerable.Range(0, workers).Select(worker => new Random(5000 + worker))];
    private readonly long[] _sequence = new long[workers];

    public Task<bool> SendAsync(int worker)
    {
        var random = _random[worker];
        var sequence = ++_sequence[worker];
        return api.PostBeforeCallbackAsync(
            worker,
            UserIds.Owner(random.Next(owners)),
            UserIds.Friend(random.Next(friendsPerOwner)),
            Remarks[sequence % Remarks.Length],
            string.Create(CultureInfo.InvariantCulture, $"before-{worker}-{sequence}"));
    }
}
