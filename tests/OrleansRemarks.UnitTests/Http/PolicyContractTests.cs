using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>
/// The before-set-remark callback with the remark policy on: a refusal is HTTP 200 with actionCode 0,
/// nextCode 1 and the rule's errCode; a rewrite is "continue" plus <c>remark</c>; anything that goes
/// wrong on our side answers "continue" (fails open).
/// </summary>
public sealed class PolicyContractTests(PolicyContractTests.PolicyWebFront web) : IClassFixture<PolicyContractTests.PolicyWebFront>
{
    private const string Before = "callbackBeforeSetFriendRemarkCommand";

    private readonly HttpClient _client = web.CreateClient();

    public sealed class PolicyWebFront() : WebFrontFactory(
        ("Policy:MaxLength", "8"),
        ("Policy:BlockedTerms:0", "idiot"),
        ("Policy:Normalize", "true"),
        ("Policy:MaxChangesPerOwnerPerMinute", "2"));

    private static string NewOwner() => "owner-" + Guid.NewGuid().ToString("N");

    private async Task<JsonElement> AskAsync(string owner, string remark) => await ReplyAsync(GoJson.FriendRemarkCallback(Before, owner, "u2", remark));

    private async Task<JsonElement> ReplyAsync(byte[] body)
    {
        using var response = await OpenImReplies.PostAsync(_client, "/callbackExample/" + Before, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var reply = json.RootElement.Clone();
        foreach (var code in new[] { "actionCode", "errCode", "nextCode" })
        {
            Assert.Equal(JsonValueKind.Number, reply.GetProperty(code).ValueKind);
        }

        return reply;
    }

    private static void AssertRefused(JsonElement reply, int errCode)
    {
        Assert.Equal(0, reply.GetProperty("actionCode").GetInt32());
        Assert.Equal(1, reply.GetProperty("nextCode").GetInt32());
        Assert.Equal(errCode, reply.GetProperty("errCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("errMsg").GetString()));
    }

    private static void AssertContinue(JsonElement reply, string? rewritten = null)
    {
        Assert.Equal(0, reply.GetProperty("actionCode").GetInt32());
        Assert.Equal(0, reply.GetProperty("errCode").GetInt32());
        Assert.Equal(0, reply.GetProperty("nextCode").GetInt32());
        Assert.Equal(rewritten, reply.TryGetProperty("remark", out var remark) ? remark.GetString() : null);
    }

    [Fact]
    public async Task A_remark_within_every_rule_continues_unchanged() =>
        AssertContinue(await AskAsync(NewOwner(), "Bob"));

    [Fact]
    public async Task A_remark_longer_than_the_limit_is_refused_with_22001()
    {
        var reply = await AskAsync(NewOwner(), "Bartholomew");

        AssertRefused(reply, 22001);
        Assert.Equal("remark is too long", reply.GetProperty("errMsg").GetString());
    }

    [Fact]
    public async Task A_blocked_term_in_any_disguise_is_refused_with_22002_without_echoing_it()
    {
        var reply = await AskAsync(NewOwner(), "ＩＤＩＯＴ");

        AssertRefused(reply, 22002);
        Assert.DoesNotContain("idiot", reply.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_remark_that_normalisation_changes_continues_with_the_cleaned_remark() =>
        AssertContinue(await AskAsync(NewOwner(), "  Bo\u200Bb   Z "), rewritten: "Bob Z");

    [Fact]
    public async Task The_owners_rate_is_counted_in_its_grain_and_the_third_edit_in_a_minute_is_refused_with_22003()
    {
        var owner = NewOwner();
        AssertContinue(await AskAsync(owner, "one"));
        AssertContinue(await AskAsync(owner, "two"));

        AssertRefused(await AskAsync(owner, "three"), 22003);
        AssertContinue(await AskAsync(NewOwner(), "other"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"callbackCommand\":\"" + Before + "\",\"ownerUserID\":42}")]
    public async Task An_unreadable_body_fails_open(string body) =>
        AssertContinue(await ReplyAsync(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task An_unreachable_grain_fails_open_and_keeps_the_rewrite()
    {
        web.Cluster.Unavailable = () => new SiloUnavailableException();
        try
        {
            AssertContinue(await AskAsync(NewOwner(), " Bob "), rewritten: "Bob");
        }
        finally
        {
            web.Cluster.Unavailable = null;
        }
    }
}
