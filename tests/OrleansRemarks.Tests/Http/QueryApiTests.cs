using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace OrleansRemarks.Tests.Http;

/// <summary>The query API over HTTP, against real web front, silo and PostgreSQL processes.</summary>
[Collection(WebFrontCollection.Name)]
public sealed class QueryApiTests(WebFrontFixture service)
{
    private readonly HttpClient _client = service.Client;
    private readonly OpenImCallbackSender _callbacks = service.Callbacks;
    private readonly RemarkApi _remarks = service.Remarks;

    [Fact]
    public async Task Remark_has_the_documented_fields_and_a_UTC_timestamp()
    {
        var owner = RemarkApi.NewUser();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        (await _callbacks.SetRemarkAsync(owner, "friend", "Bob", "op-1")).AssertSuccess();

        var remark = await _remarks.GetAsync(owner, "friend");

        Assert.NotNull(remark);
        Assert.Equal(new StoredRemark(owner, "friend", "Bob", remark.UpdatedAtText), remark);
        Assert.Equal(TimeSpan.Zero, remark.UpdatedAt.Offset);
        Assert.InRange(remark.UpdatedAt, before, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Missing_remark_is_a_404_problem()
    {
        using var response = await _client.GetAsync(RemarkApi.RemarkPath(RemarkApi.NewUser(), "nobody"));

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("张三", "李四")]
    [InlineData("user with spaces", "friend with  spaces ")]
    [InlineData("a/b", "c/d")]
    [InlineData("50%25", "%2F")]
    [InlineData("we+ird?&#", "émoji 😀")]
    public async Task Any_user_ids_work_percent_encoded_in_the_path(string ownerSuffix, string friend)
    {
        var owner = RemarkApi.NewUser() + ownerSuffix;
        (await _callbacks.SetRemarkAsync(owner, friend, "found", "op-1")).AssertSuccess();

        var single = await _remarks.GetAsync(owner, friend);
        var (listed, _) = await _remarks.ListAsync(owner);
        var looked = await _remarks.LookupAsync(owner, friend);

        Assert.Equal((owner, friend, "found"), (single?.OwnerUserId, single?.FriendUserId, single?.Remark));
        Assert.Equal([(owner, friend)], listed.Select(remark => (remark.OwnerUserId, remark.FriendUserId)));
        Assert.Equal([(owner, friend)], looked.Select(remark => (remark.OwnerUserId, remark.FriendUserId)));
    }

    [Fact]
    public async Task Numeric_looking_ids_stay_distinct()
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "10", "ten", "op-1")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "010", "oh-ten", "op-2")).AssertSuccess();
        (await _callbacks.SetRemarkAsync("10", owner, "owner ten", "op-3")).AssertSuccess();

        Assert.Equal("ten", (await _remarks.GetAsync(owner, "10"))?.Remark);
        Assert.Equal("oh-ten", (await _remarks.GetAsync(owner, "010"))?.Remark);
        Assert.Equal("owner ten", (await _remarks.GetAsync("10", owner))?.Remark);
        Assert.Null(await _remarks.GetAsync("010", owner));
    }

    [Fact]
    public async Task List_returns_ordinal_order_with_the_default_limit_and_a_cursor()
    {
        var owner = RemarkApi.NewUser();
        var friends = Enumerable.Range(0, 150).Select(i => $"f{i}").Append("Z").Append("a").Append("张").ToList();
        await SetRemarksAsync(owner, friends);

        var (first, cursor) = await _remarks.ListAsync(owner);
        var (second, end) = await _remarks.ListAsync(owner, "?cursor=" + Uri.EscapeDataString(cursor!));

        var expected = friends.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Take(100), first.Select(remark => remark.FriendUserId));
        Assert.Equal(expected.Skip(100), second.Select(remark => remark.FriendUserId));
        Assert.Null(end);
    }

    [Fact]
    public async Task Paging_2500_friends_by_1000_returns_each_exactly_once()
    {
        var owner = RemarkApi.NewUser();
        var friends = Enumerable.Range(0, 2500).Select(i => i % 7 == 0 ? $"朋友{i}" : i.ToString("D4")).ToList();
        await SetRemarksAsync(owner, friends);

        var pages = new List<IReadOnlyList<StoredRemark>>();
        string? cursor = null;
        do
        {
            var query = "?limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            (var items, cursor) = await _remarks.ListAsync(owner, query);
            pages.Add(items);
        }
        while (cursor is not null && pages.Count <= 5);

        Assert.Equal([1000, 1000, 500], pages.Select(page => page.Count));
        var seen = pages.SelectMany(page => page).Select(remark => remark.FriendUserId).ToList();
        Assert.Equal(friends.Order(StringComparer.Ordinal), seen);
        Assert.All(pages.SelectMany(page => page), remark => Assert.Equal("remark of " + remark.FriendUserId, remark.Remark));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=ten")]
    [InlineData("?limit=")]
    [InlineData("?limit=1.5")]
    [InlineData("?cursor=")]
    [InlineData("?cursor=not*base64url")]
    [InlineData("?cursor=_w")] // base64url of the byte 0xFF: not UTF-8
    public async Task List_with_a_bad_limit_or_cursor_is_a_400_problem(string query)
    {
        using var response = await _client.GetAsync(RemarkApi.RemarksPath(RemarkApi.NewUser()) + query);

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.RootElement.TryGetProperty("errors", out _), problem.RootElement.ToString());
    }

    [Theory]
    [InlineData("?limit=1")]
    [InlineData("?limit=1000")]
    public async Task List_accepts_the_limit_bounds(string query)
    {
        var owner = RemarkApi.NewUser();
        await SetRemarksAsync(owner, ["a", "b"]);

        var (items, _) = await _remarks.ListAsync(owner, query);

        Assert.Equal(query == "?limit=1" ? ["a"] : ["a", "b"], items.Select(remark => remark.FriendUserId));
    }

    [Fact]
    public async Task Lookup_returns_only_friends_with_a_remark_in_request_order()
    {
        var owner = RemarkApi.NewUser();
        await SetRemarksAsync(owner, ["b", "a", "c"]);
        (await _callbacks.SetRemarkAsync(owner, "c", "", "op-clear")).AssertSuccess();

        var found = await _remarks.LookupAsync(owner, "c", "b", "nobody", "a");

        Assert.Equal(["b", "a"], found.Select(remark => remark.FriendUserId));
    }

    [Fact]
    public async Task Lookup_of_1000_ids_is_accepted()
    {
        var owner = RemarkApi.NewUser();
        await SetRemarksAsync(owner, ["id-999"]);

        var found = await _remarks.LookupAsync(owner, Enumerable.Range(0, 1000).Select(i => $"id-{i}").ToArray());

        Assert.Equal(["id-999"], found.Select(remark => remark.FriendUserId));
    }

    [Theory]
    [InlineData("{\"friendUserIDs\":[]}")]
    [InlineData("{\"friendUserIDs\":null}")]
    [InlineData("{}")]
    [InlineData("{\"friendUserIDs\":[\"a\",\"\"]}")]
    [InlineData("{\"friendUserIDs\":[\"a\",null]}")]
    [InlineData("{\"friendUserIDs\":[1]}")]
    [InlineData("{\"friendUserIDs\":\"a\"}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Bad_lookup_is_a_400_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(RemarkApi.LookupPath(RemarkApi.NewUser()), content);

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lookup_of_1001_ids_is_a_400_problem()
    {
        using var response = await _client.PostAsJsonAsync(
            RemarkApi.LookupPath(RemarkApi.NewUser()), new { friendUserIDs = Enumerable.Range(0, 1001).Select(i => $"id-{i}") });

        using var problem = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task SetRemarksAsync(string owner, IReadOnlyList<string> friends)
    {
        await Parallel.ForEachAsync(friends, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (friend, _) =>
            (await _callbacks.SetRemarkAsync(owner, friend, "remark of " + friend, OperationIdFor(friend))).AssertSuccess());
    }

    /// <summary>HTTP header values are ASCII: the friend ID in hex.</summary>
    private static string OperationIdFor(string friend) => "op-" + Convert.ToHexString(Encoding.UTF8.GetBytes(friend));
}
