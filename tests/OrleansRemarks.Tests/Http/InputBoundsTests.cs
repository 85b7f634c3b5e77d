using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// Bounded input: user IDs of at most 256 UTF-8 bytes without control characters, remarks of at most
/// <c>Callback:MaxRemarkBytes</c> (default 4096), operationIDs of at most 256 bytes. Anything else is a
/// 400 with its own errCode (callbacks) or a 400 problem (query API), stores nothing and is never a 5xx.
/// </summary>
[Collection(WebFrontCollection.Name)]
public sealed class InputBoundsTests(WebFrontFixture service)
{
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";
    private const string AfterDelete = "callbackAfterDeleteFriendCommand";
    private const int InvalidOwner = 20009;
    private const int InvalidFriend = 20010;
    private const int RemarkTooLong = 20011;
    private const int InvalidOperationId = 20012;

    private readonly HttpClient _client = service.Client;
    private readonly OpenImCallbackSender _callbacks = service.Callbacks;
    private readonly RemarkApi _remarks = service.Remarks;

    /// <summary>IDs that are refused: a suffix appended to a fresh user ID, so each is unique.</summary>
    public static TheoryData<string, string> BadIdSuffixes => new()
    {
        { "NUL", "a\0b" },
        { "newline", "a\nforged" },
        { "carriage return", "a\rb" },
        { "escape", "a\u001b[31mred" },
        { "DEL", "a\u007fb" },
        { "C1 next line", "a\u0085b" },
        { "C1 CSI", "a\u009bb" },
        { "line separator", "a\u2028b" },
        { "paragraph separator", "a\u2029b" },
        { "257 bytes", new string('x', 257 - 18) },
        { "86 CJK characters, 258 bytes", new string('张', 86) },
        { "5,000 characters", new string('y', 5000) },
    };

    [Theory]
    [MemberData(nameof(BadIdSuffixes))]
    public async Task A_bad_owner_id_in_a_callback_is_400_with_its_errCode(string problem, string suffix)
    {
        var owner = BadId(suffix);

        var set = await _callbacks.SetRemarkAsync(owner, "friend", "x", "op-bad-owner");
        var delete = await _callbacks.DeleteFriendAsync(owner, "friend", "op-bad-owner-delete");

        set.AssertFailure(HttpStatusCode.BadRequest, InvalidOwner, problem);
        delete.AssertFailure(HttpStatusCode.BadRequest, InvalidOwner, problem);
    }

    [Theory]
    [MemberData(nameof(BadIdSuffixes))]
    public async Task A_bad_friend_id_in_a_callback_is_400_with_its_errCode_and_stores_nothing(string problem, string suffix)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "kept", "original", "op-original")).AssertSuccess();

        var set = await _callbacks.SetRemarkAsync(owner, BadId(suffix), "x", "op-bad-friend");
        var delete = await _callbacks.DeleteFriendAsync(owner, BadId(suffix), "op-bad-friend-delete");

        set.AssertFailure(HttpStatusCode.BadRequest, InvalidFriend, problem);
        delete.AssertFailure(HttpStatusCode.BadRequest, InvalidFriend, problem);
        var (items, _) = await _remarks.ListAsync(owner);
        Assert.Equal([("kept", "original")], items.Select(item => (item.FriendUserId, item.Remark)));
    }

    [Fact]
    public async Task Ids_of_exactly_256_bytes_are_stored_and_read_back()
    {
        // 85 CJK characters (255 bytes) + 1 ASCII byte; the prefix keeps the owner unique.
        var owner = RemarkApi.NewUser();
        owner += new string('o', 256 - owner.Length);
        var friend = new string('李', 85) + "f";
        Assert.Equal(256, Encoding.UTF8.GetByteCount(owner));
        Assert.Equal(256, Encoding.UTF8.GetByteCount(friend));

        (await _callbacks.SetRemarkAsync(owner, friend, "long ids", "op-long")).AssertSuccess();

        Assert.Equal("long ids", (await _remarks.GetAsync(owner, friend))?.Remark);
    }

    [Theory]
    [MemberData(nameof(BadIdSuffixes))]
    public async Task A_bad_owner_id_in_the_query_api_is_a_400_problem(string problem, string suffix)
    {
        var owner = BadId(suffix);
        if (suffix.Contains('\0'))
        {
            return; // Kestrel itself refuses a NUL in the request target, before any endpoint
        }

        using var single = await _client.GetAsync(RemarkApi.RemarkPath(owner, "friend"));
        using var page = await _client.GetAsync(RemarkApi.RemarksPath(owner));
        using var lookup = await _client.PostAsJsonAsync(RemarkApi.LookupPath(owner), new { friendUserIDs = new[] { "friend" } });

        foreach (var response in new[] { single, page, lookup })
        {
            using var document = await RemarkApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(document.RootElement.GetProperty("errors").TryGetProperty("ownerUserID", out _), problem);
        }
    }

    [Theory]
    [MemberData(nameof(BadIdSuffixes))]
    public async Task A_bad_friend_id_in_the_query_api_is_a_400_problem(string problem, string suffix)
    {
        var owner = RemarkApi.NewUser();
        var friend = BadId(suffix);

        using var lookup = await _client.PostAsJsonAsync(RemarkApi.LookupPath(owner), new { friendUserIDs = new[] { "ok", friend } });
        using (var document = await RemarkApi.AssertProblemAsync(lookup, HttpStatusCode.BadRequest))
        {
            Assert.True(document.RootElement.GetProperty("errors").TryGetProperty("friendUserIDs", out _), problem);
        }

        if (!suffix.Contains('\0'))
        {
            using var single = await _client.GetAsync(RemarkApi.RemarkPath(owner, friend));
            using var document = await RemarkApi.AssertProblemAsync(single, HttpStatusCode.BadRequest);
            Assert.True(document.RootElement.GetProperty("errors").TryGetProperty("friendUserID", out _), problem);
        }
    }

    [Fact]
    public async Task A_cursor_that_decodes_to_a_bad_id_is_a_400_problem()
    {
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes("a\0b")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var page = await _client.GetAsync(RemarkApi.RemarksPath(RemarkApi.NewUser()) + "?cursor=" + cursor);

        using var document = await RemarkApi.AssertProblemAsync(page, HttpStatusCode.BadRequest);
        Assert.True(document.RootElement.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_remark_of_1000_characters_is_stored()
    {
        var owner = RemarkApi.NewUser();
        var remark = string.Concat(Enumerable.Repeat("备注", 500)); // 1,000 characters, 3,000 bytes

        (await _callbacks.SetRemarkAsync(owner, "friend", remark, "op-1000")).AssertSuccess();

        Assert.Equal(remark, (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Theory]
    [InlineData(4096, true)]
    [InlineData(4097, false)]
    public async Task A_remark_over_the_default_4096_bytes_is_refused_and_changes_nothing(int bytes, bool accepted)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();
        var remark = new string('长', (bytes - 1) / 3) + new string('x', bytes - ((bytes - 1) / 3 * 3));
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(remark));

        var response = await _callbacks.SetRemarkAsync(owner, "friend", remark, "op-long-remark");

        if (accepted)
        {
            response.AssertSuccess();
            Assert.Equal(remark, (await _remarks.GetAsync(owner, "friend"))?.Remark);
        }
        else
        {
            response.AssertFailure(HttpStatusCode.BadRequest, RemarkTooLong);
            Assert.Contains("Callback:MaxRemarkBytes", response.Body);
            Assert.Equal("original", (await _remarks.GetAsync(owner, "friend"))?.Remark);
        }
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public async Task An_operation_id_over_256_bytes_is_refused_and_changes_nothing(int bytes, bool accepted)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();

        var set = await _callbacks.SetRemarkAsync(owner, "friend", "changed", new string('o', bytes));
        var delete = await _callbacks.DeleteFriendAsync(owner, "other", new string('d', bytes));

        if (accepted)
        {
            set.AssertSuccess();
            delete.AssertSuccess();
            Assert.Equal("changed", (await _remarks.GetAsync(owner, "friend"))?.Remark);
        }
        else
        {
            set.AssertFailure(HttpStatusCode.BadRequest, InvalidOperationId);
            delete.AssertFailure(HttpStatusCode.BadRequest, InvalidOperationId);
            Assert.Equal("original", (await _remarks.GetAsync(owner, "friend"))?.Remark);
        }
    }

    [Fact]
    public async Task An_operation_id_with_a_control_character_is_refused()
    {
        var owner = RemarkApi.NewUser();

        var response = await _callbacks.SetRemarkAsync(owner, "friend", "x", "op-\u0001-ctl");

        response.AssertFailure(HttpStatusCode.BadRequest, InvalidOperationId);
        Assert.Null(await _remarks.GetAsync(owner, "friend"));
    }

    [Fact]
    public async Task Refused_callbacks_are_rejected_in_the_documented_order_owner_before_friend()
    {
        var response = await _callbacks.SetRemarkAsync("a\0b", "c\0d", new string('r', 5000), new string('o', 300));

        response.AssertFailure(HttpStatusCode.BadRequest, InvalidOwner);
    }

    private static string BadId(string suffix) => RemarkApi.NewUser() + suffix;
}
