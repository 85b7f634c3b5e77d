using System.Net;
using System.Text.Json;

namespace OrleansRemarks.OpenImDouble;

/// <summary>
/// An OpenIM deployment's remark edits against the API double: 80 % set_friend_remark (with an
/// after-callback), 15 % update_friends (no callback), 5 % friend deletions (with an after-delete
/// callback; the pair is friends again later), callbacks sent by <see cref="OpenImWebhookSender"/>
/// with 5 % lost. Compares every pair the query API serves with OpenIM's data.
/// </summary>
public sealed class OpenImTrial(OpenImApiDouble openIm, Random random)
{
    private readonly List<(string Owner, string Friend)> _livePairs = [];
    private readonly List<string> _owners = [];

    public int Dropped { get; private set; }

    public int Sent { get; private set; }

    public int Acknowledged { get; private set; }

    public void SeedOwnersWithOldRemarks(int owners, int friends)
    {
        for (var o = 0; o < owners; o++)
        {
            var owner = "pre-" + o;
            _owners.Add(owner);
            for (var f = 0; f < friends; f++)
            {
                openIm.AddFriend(owner, $"pre-{o}-friend-{f}");
                openIm.SetRemark(owner, $"pre-{o}-friend-{f}", $"老朋友 {o}/{f}");
            }
        }
    }

    public void SeedLiveOwners(int owners, int friends)
    {
        for (var o = 0; o < owners; o++)
        {
            var owner = "live-" + o;
            _owners.Add(owner);
            for (var f = 0; f < friends; f++)
            {
                openIm.AddFriend(owner, $"live-{o}-friend-{f}");
                _livePairs.Add((owner, $"live-{o}-friend-{f}"));
            }
        }
    }

    public async Task RunEditsAsync(HttpClient client, int edits)
    {
        await using var webhooks = new OpenImWebhookSender(client, random, lossShare: 0.05);
        for (var i = 0; i < edits; i++)
        {
            var (owner, friend) = _livePairs[random.Next(_livePairs.Count)];
            var kind = random.NextDouble();
            var operationId = "op-" + i;
            if (!openIm.FriendsOf(owner).ContainsKey(friend))
            {
                // Friends again (add_friend sends no remark callback), then the edit below.
                openIm.AddFriend(owner, friend);
            }

            if (kind < 0.80)
            {
                var remark = $"r{i} <{friend}> & 😀";
                openIm.SetRemark(owner, friend, remark);
                webhooks.AfterSetRemark(owner, friend, remark, operationId);
            }
            else if (kind < 0.95)
            {
                openIm.SetRemark(owner, friend, "u" + i);
            }
            else
            {
                openIm.DeleteFriend(owner, friend);
                webhooks.AfterDeleteFriend(owner, friend, operationId);
            }

            if (i % 4 == 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }
        }

        await webhooks.CompleteAsync();
        Dropped = webhooks.Dropped;
        Sent = webhooks.Sent;
        Acknowledged = webhooks.Acknowledged;
    }

    /// <summary>Pairs where either side has a remark, and how many of them differ.</summary>
    public async Task<Drift> DriftAsync(HttpClient client)
    {
        var pairs = 0;
        var wrong = 0;
        foreach (var owner in _owners)
        {
            var truth = openIm.FriendsOf(owner).Where(pair => pair.Value.Length > 0).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            var ours = await RemarksOfAsync(client, owner);
            foreach (var friend in truth.Keys.Union(ours.Keys, StringComparer.Ordinal))
            {
                pairs++;
                if (!truth.TryGetValue(friend, out var expected) || !ours.TryGetValue(friend, out var actual) || expected != actual)
                {
                    wrong++;
                }
            }
        }

        return new Drift(pairs, wrong);
    }

    /// <summary>The owner's remarks as the query API serves them (one page of up to 1,000).</summary>
    private static async Task<Dictionary<string, string>> RemarksOfAsync(HttpClient client, string owner)
    {
        using var response = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(owner)}/remarks?limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET remarks of {owner}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(
            item => item.GetProperty("friendUserID").GetString()!, item => item.GetProperty("remark").GetString()!, StringComparer.Ordinal);
    }

    public sealed record Drift(int Pairs, int Wrong)
    {
        public double Share => Pairs == 0 ? 0 : (double)Wrong / Pairs;
    }
}
