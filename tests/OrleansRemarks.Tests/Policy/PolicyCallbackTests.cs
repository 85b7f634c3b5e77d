using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRemarks.Tests.Http;
using OrleansRemarks.Tests.Operations;

namespace OrleansRemarks.Tests.Policy;

/// <summary>
/// The remark policy end to end: a real silo and web front, before-set-remark callbacks as OpenIM
/// sends them, and replies decoded as OpenIM's Go server decodes them. Tests of one class run one at
/// a time; the ones that change the policy or stop the silo put it back before they end.
/// </summary>
public sealed class PolicyCallbackTests(PolicyServiceFixture service) : IClassFixture<PolicyServiceFixture>
{
    private const string BeforeSetRemark = "callbackBeforeSetFriendRemarkCommand";
    private const string Decisions = "orleansremarks_policy_decisions_total";
    private static readonly TimeSpan ChangeWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Too_long_remark_is_refused_with_a_reply_openim_reads_as_a_refusal()
    {
        var response = await SendAsync(NewOwner(), "a remark of twenty chars");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var reply = OpenImReply.Decode(response.Body);
        Assert.True(reply.Refuses, response.Body);
        Assert.Equal(22001, reply.ErrCode);
        Assert.Equal("remark is too long", reply.ErrMsg);
        Assert.Contains($"at most {PolicyServiceFixture.MaxLength}", reply.ErrDlt);
        Assert.Null(reply.Replacement);
        AssertNumbers(response.Body, ("actionCode", 0), ("errCode", 22001), ("nextCode", 1));
    }

    [Fact]
    public async Task Grapheme_clusters_count_as_one_character_each()
    {
        // 12 family emoji: 12 text elements but 96 UTF-16 units.
        var family = string.Concat(Enumerable.Repeat("👨‍👩‍👧", PolicyServiceFixture.MaxLength));
        Assert.Equal(CallbackResponse.SuccessBody, (await SendAsync(NewOwner(), family)).Body);
        Assert.Equal(22001, OpenImReply.Decode((await SendAsync(NewOwner(), family + "👍🏽")).Body).ErrCode);
    }

    [Theory]
    [InlineData("you IDIOT")]
    [InlineData("ｉｄｉｏｔ")]
    [InlineData("𝐬𝐩𝐚𝐦")]
    [InlineData("S\u200BPAM")]
    public async Task Blocked_terms_are_refused_in_any_width_style_or_case(string remark)
    {
        var response = await SendAsync(NewOwner(), remark);

        var reply = OpenImReply.Decode(response.Body);
        Assert.True(reply.Refuses, response.Body);
        Assert.Equal(22002, reply.ErrCode);
        Assert.Equal("remark contains a word that is not allowed", reply.ErrMsg);
        Assert.DoesNotContain(remark, response.Body);
    }

    [Fact]
    public async Task Normalised_remark_comes_back_in_the_reply()
    {
        var response = await SendAsync(NewOwner(), "  Bo\u200Bb \t\u202E 👨‍👩‍👧 ");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var reply = OpenImReply.Decode(response.Body);
        Assert.False(reply.Refuses);
        Assert.Equal("Bob 👨‍👩‍👧", reply.Replacement);
        AssertNumbers(response.Body, ("actionCode", 0), ("errCode", 0), ("nextCode", 0));
    }

    [Theory]
    [InlineData("Bob")]
    [InlineData("")]
    [InlineData("\u200B\u200B")]
    [InlineData("   ")]
    public async Task Clean_remarks_clears_and_remarks_normalised_to_nothing_are_a_plain_continue(string remark) =>
        (await SendAsync(NewOwner(), remark)).AssertSuccess();

    [Fact]
    public async Task An_owner_over_the_rate_is_refused_and_other_owners_are_not()
    {
        var owner = NewOwner();
        for (var i = 0; i < PolicyServiceFixture.MaxChangesPerOwnerPerMinute; i++)
        {
            (await SendAsync(owner, "change " + i)).AssertSuccess();
        }

        var response = await SendAsync(owner, "one too many");

        var reply = OpenImReply.Decode(response.Body);
        Assert.True(reply.Refuses, response.Body);
        Assert.Equal(22003, reply.ErrCode);
        Assert.Contains("Retry in", reply.ErrDlt);
        (await SendAsync(NewOwner(), "someone else")).AssertSuccess();
        // A refusal by a stateless rule is decided before the owner is asked, so it does not use up the rate.
        var fresh = NewOwner();
        for (var i = 0; i < PolicyServiceFixture.MaxChangesPerOwnerPerMinute; i++)
        {
            Assert.Equal(22001, OpenImReply.Decode((await SendAsync(fresh, new string('x', 50))).Body).ErrCode);
        }

        (await SendAsync(fresh, "still fine")).AssertSuccess();
    }

    [Fact]
    public async Task Decisions_are_counted_by_rule_and_decision()
    {
        var before = await MetricsScrape.TakeAsync(service.Client);

        await SendAsync(NewOwner(), "Bob");                     // allowed
        await SendAsync(NewOwner(), " Bob ");                   // rewritten
        await SendAsync(NewOwner(), new string('x', 13));       // refused: max_length
        await SendAsync(NewOwner(), "IDIOT");                   // refused: blocked_terms
        await service.Callbacks.SendAsync(BeforeSetRemark, "not json"u8.ToArray(), "op-x"); // failed open: input

        var after = await MetricsScrape.TakeAsync(service.Client);
        foreach (var (rule, decision) in new[]
        {
            ("none", "allowed"), ("normalize", "rewritten"), ("max_length", "refused"), ("blocked_terms", "refused"), ("input", "failed_open"),
        })
        {
            (string, string)[] labels = [("rule", rule), ("decision", decision)];
            Assert.True(1 == after.Sum(Decisions, labels) - before.Sum(Decisions, labels), $"{Decisions}{{{rule},{decision}}}");
        }

        Assert.Equal(5, after.Sum("orleansremarks_policy_decision_duration_seconds_count") - before.Sum("orleansremarks_policy_decision_duration_seconds_count"));
        (string, string)[] decided = [("command", BeforeSetRemark), ("outcome", "decided")];
        Assert.Equal(5, after.Sum("orleansremarks_callbacks_total", decided) - before.Sum("orleansremarks_callbacks_total", decided));
    }

    [Fact]
    public async Task Unreadable_bodies_continue()
    {
        (await service.Callbacks.SendAsync(BeforeSetRemark, "{}"u8.ToArray(), "op-1")).AssertSuccess();
        (await service.Callbacks.SendAsync(BeforeSetRemark, "[1,2"u8.ToArray(), "op-2")).AssertSuccess();
        (await service.Callbacks.SendAsync(BeforeSetRemark,
            GoJson.Object(("callbackCommand", BeforeSetRemark), ("ownerUserID", "o"), ("friendUserID", "f")), "op-3")).AssertSuccess();
    }

    [Fact]
    public async Task Policy_endpoint_shows_the_active_rules()
    {
        using var response = await service.Client.GetAsync("/api/v1/policy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(policy.GetProperty("active").GetBoolean());
        Assert.Equal(PolicyServiceFixture.MaxLength, policy.GetProperty("maxLength").GetInt32());
        Assert.Equal(["idiot", "ｓｐａｍ"], policy.GetProperty("blockedTerms").EnumerateArray().Select(term => term.GetString()));
        Assert.True(policy.GetProperty("normalize").GetBoolean());
        Assert.Equal(PolicyServiceFixture.MaxChangesPerOwnerPerMinute, policy.GetProperty("maxChangesPerOwnerPerMinute").GetInt32());
        Assert.Equal(2000, policy.GetProperty("timeoutMilliseconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("reloadError").ValueKind);
    }

    [Fact]
    public async Task Edited_settings_apply_while_running_and_an_invalid_edit_keeps_the_rules()
    {
        try
        {
            var longer = PolicyServiceFixture.StartPolicy();
            longer["MaxLength"] = 30;
            service.WritePolicy(longer);
            await Eventually.ReturnsAsync(() => SendAsync(NewOwner(), "a remark of twenty chars"),
                response => response.Body == CallbackResponse.SuccessBody, ChangeWithin, "MaxLength 30 applied");

            var invalid = PolicyServiceFixture.StartPolicy();
            invalid["MaxLength"] = -5;
            service.WritePolicy(invalid);
            var policy = await Eventually.ReturnsAsync(GetPolicyAsync,
                policy => policy["reloadError"] is not null, ChangeWithin, "the invalid edit reported");
            Assert.Contains("Policy:MaxLength", policy["reloadError"]!.GetValue<string>());
            Assert.Equal(30, policy["maxLength"]!.GetValue<int>());
            (await SendAsync(NewOwner(), "a remark of twenty chars")).AssertSuccess();
            Assert.Equal(22001, OpenImReply.Decode((await SendAsync(NewOwner(), new string('x', 31))).Body).ErrCode);
            Assert.Contains("Remark policy change refused, the previous rules stay active", service.WebFront.Output);
        }
        finally
        {
            service.WritePolicy(PolicyServiceFixture.StartPolicy());
            await Eventually.ReturnsAsync(GetPolicyAsync,
                policy => policy["maxLength"]!.GetValue<int>() == PolicyServiceFixture.MaxLength && policy["reloadError"] is null,
                ChangeWithin, "the starting policy restored");
        }
    }

    [Fact]
    public async Task With_the_silo_stopped_the_rate_rule_fails_open_and_stateless_rules_still_decide()
    {
        var before = await MetricsScrape.TakeAsync(service.Client);
        await service.StopSiloAsync();
        try
        {
            (await SendAsync(NewOwner(), "Bob")).AssertSuccess();
            var rewritten = OpenImReply.Decode((await SendAsync(NewOwner(), "  Bob  ")).Body);
            Assert.Equal("Bob", rewritten.Replacement);
            Assert.Equal(22001, OpenImReply.Decode((await SendAsync(NewOwner(), new string('x', 13))).Body).ErrCode);
        }
        finally
        {
            await service.StartSiloAsync();
            // The web front reaches the silo again once its gateway list is refreshed.
            await Eventually.ReturnsAsync(() => HealthAnswer.GetAsync(service.Client, "/health/ready"),
                answer => answer.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "WebFront /health/ready 200");
        }

        var after = await MetricsScrape.TakeAsync(service.Client);
        (string, string)[] failedOpen = [("rule", "rate"), ("decision", "failed_open")];
        Assert.Equal(2, after.Sum(Decisions, failedOpen) - before.Sum(Decisions, failedOpen));
        Assert.Contains("remark policy failed open while deciding rate", service.WebFront.Output);
    }

    [Fact]
    public async Task A_silo_that_does_not_answer_in_time_fails_open()
    {
        var before = await MetricsScrape.TakeAsync(service.Client);
        // A frozen silo keeps its connections and answers nothing, so the rate check outlasts the timeout.
        await service.Silo.PauseAsync();
        CallbackResponse response;
        try
        {
            response = await SendAsync(NewOwner(), "  Bob  ");
        }
        finally
        {
            await service.Silo.ResumeAsync();
        }

        var reply = OpenImReply.Decode(response.Body);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(reply.Refuses, response.Body);
        Assert.Equal("Bob", reply.Replacement);
        var after = await MetricsScrape.TakeAsync(service.Client);
        (string, string)[] failedOpen = [("rule", "rate"), ("decision", "failed_open")];
        Assert.Equal(1, after.Sum(Decisions, failedOpen) - before.Sum(Decisions, failedOpen));
        Assert.Contains("No decision within 2000 ms (Policy:TimeoutMilliseconds)", service.WebFront.Output);
    }

    private static string NewOwner() => "policy-" + Guid.NewGuid().ToString("N")[..10];

    private Task<CallbackResponse> SendAsync(string owner, string remark) =>
        service.Callbacks.SendAsync(BeforeSetRemark, GoJson.FriendRemarkCallback(BeforeSetRemark, owner, "friend", remark), "op-" + Guid.NewGuid().ToString("N")[..8]);

    private async Task<JsonObject> GetPolicyAsync()
    {
        using var response = await service.Client.GetAsync("/api/v1/policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Each code is a JSON number with this value, never a string.</summary>
    private static void AssertNumbers(string body, params (string Name, int Value)[] codes)
    {
        using var reply = JsonDocument.Parse(body);
        foreach (var (name, value) in codes)
        {
            Assert.Equal(JsonValueKind.Number, reply.RootElement.GetProperty(name).ValueKind);
            Assert.Equal(value, reply.RootElement.GetProperty(name).GetInt32());
        }
    }
}
