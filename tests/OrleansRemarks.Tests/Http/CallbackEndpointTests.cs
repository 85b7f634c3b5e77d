using System.Net;
using System.Text;

namespace OrleansRemarks.Tests.Http;

/// <summary>The callback endpoint over HTTP, against real web front, silo and PostgreSQL processes.</summary>
[Collection(WebFrontCollection.Name)]
public sealed class CallbackEndpointTests(WebFrontFixture service)
{
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";

    private readonly OpenImCallbackSender _callbacks = service.Callbacks;
    private readonly RemarkApi _remarks = service.Remarks;

    [Fact]
    public async Task After_set_remark_exactly_as_Go_encodes_it_is_stored_and_answered_with_numeric_codes()
    {
        var owner = RemarkApi.NewUser();
        // Byte-for-byte what OpenIM's json.Encoder writes: HTML characters escaped, trailing newline.
        var body = Encoding.UTF8.GetBytes(
            "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"" + owner + "\"," +
            "\"friendUserID\":\"u2\",\"remark\":\"\\u003cb\\u003eBob\\u003c/b\\u003e \\u0026 co\"}\n");

        var response = await _callbacks.SendAsync(AfterSet, body, "op-go-1");

        response.AssertSuccess();
        var stored = await _remarks.GetAsync(owner, "u2");
        Assert.NotNull(stored);
        Assert.Equal("<b>Bob</b> & co", stored.Remark);
        Assert.Equal(owner, stored.OwnerUserId);
        Assert.Equal("u2", stored.FriendUserId);
    }

    [Theory]
    [InlineData(AfterSet)]
    [InlineData("callbackAfterSetFriendRemark")]
    public async Task Both_after_set_command_names_store_the_remark(string command)
    {
        var owner = RemarkApi.NewUser();

        var response = await _callbacks.SendAsync(command, GoJson.FriendRemarkCallback(command, owner, "friend", "Alice"), "op-1");

        response.AssertSuccess();
        Assert.Equal("Alice", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Query_string_is_ignored()
    {
        var owner = RemarkApi.NewUser();
        var body = GoJson.FriendRemarkCallback(AfterSet, owner, "friend", "from the vendor page's URL");

        var response = await _callbacks.PostAsync($"/callbackExample/{AfterSet}?contenttype=json&command=other", body, "op-q");

        response.AssertSuccess();
        Assert.Equal("from the vendor page's URL", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Any_unicode_remark_round_trips_through_Go_escaping()
    {
        var owner = RemarkApi.NewUser();
        const string Remark = "张三 <&> \"quoted\" \\ tab\t line\u2028sep 😀 café";

        (await _callbacks.SetRemarkAsync(owner, "friend", Remark, "op-u")).AssertSuccess();

        Assert.Equal(Remark, (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Empty_remark_clears_the_remark()
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "to be cleared", "op-1")).AssertSuccess();

        (await _callbacks.SetRemarkAsync(owner, "friend", "", "op-2")).AssertSuccess();

        Assert.Null(await _remarks.GetAsync(owner, "friend"));
        Assert.Empty(await _remarks.LookupAsync(owner, "friend"));
    }

    [Fact]
    public async Task Hundred_identical_replays_store_one_change()
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "first", "op-first")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "friend", "second", "op-second")).AssertSuccess();
        var before = await _remarks.GetAsync(owner, "friend");

        // A proxy retrying, or OpenIM replaying, the first callback: were any replay applied, the remark would go back to "first".
        var replays = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _callbacks.SetRemarkAsync(owner, "friend", "first", "op-first")));

        Assert.All(replays, replay => replay.AssertSuccess());
        var after = await _remarks.GetAsync(owner, "friend");
        Assert.Equal("second", after?.Remark);
        Assert.Equal(before?.UpdatedAtText, after?.UpdatedAtText);
    }

    [Theory]
    [InlineData("Operationid")] // Go's net/http on HTTP/1.1
    [InlineData("operationid")] // HTTP/2
    [InlineData("operationID")]
    [InlineData("OPERATIONID")]
    public async Task Operation_id_header_is_read_in_any_spelling(string headerName)
    {
        var owner = RemarkApi.NewUser();
        var first = GoJson.FriendRemarkCallback(AfterSet, owner, "friend", "first");
        (await _callbacks.SendAsync(AfterSet, first, "op-a", headerName)).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "friend", "second", "op-b")).AssertSuccess();

        // Recognised as a replay only if the operation ID reached the grain.
        (await _callbacks.SendAsync(AfterSet, first, "op-a", headerName)).AssertSuccess();

        Assert.Equal("second", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Same_change_without_operation_id_is_applied_again()
    {
        // The control of the replay tests: without an operation ID nothing is a duplicate.
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "first", null)).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "friend", "second", null)).AssertSuccess();

        (await _callbacks.SetRemarkAsync(owner, "friend", "first", null)).AssertSuccess();

        Assert.Equal("first", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task After_delete_friend_removes_only_that_friends_remark()
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "gone", "ex-friend", "op-1")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "kept", "still a friend", "op-2")).AssertSuccess();

        (await _callbacks.DeleteFriendAsync(owner, "gone", "op-3")).AssertSuccess();

        Assert.Null(await _remarks.GetAsync(owner, "gone"));
        Assert.Equal(["kept"], (await _remarks.LookupAsync(owner, "gone", "kept")).Select(remark => remark.FriendUserId));
    }

    [Fact]
    public async Task After_delete_friend_without_a_remark_succeeds()
    {
        var owner = RemarkApi.NewUser();

        (await _callbacks.DeleteFriendAsync(owner, "never-had-one", "op-1")).AssertSuccess();

        Assert.Null(await _remarks.GetAsync(owner, "never-had-one"));
    }

    [Theory]
    [InlineData("callbackBeforeSetFriendRemarkCommand")]
    [InlineData("callbackBeforeSetFriendRemark")]
    [InlineData("callbackBeforeAddFriendCommand")]
    [InlineData("callbackAfterAddFriendCommand")]
    [InlineData("callbackBeforeImportFriendsCommand")]
    [InlineData("someFutureCommand")]
    public async Task Before_and_unknown_commands_continue_and_store_nothing(string command)
    {
        var owner = RemarkApi.NewUser();

        var response = await _callbacks.SendAsync(command, GoJson.FriendRemarkCallback(command, owner, "friend", "must not be stored"), "op-1");

        response.AssertSuccess();
        Assert.Null(await _remarks.GetAsync(owner, "friend"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":42}")]
    [InlineData("{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\"}")]
    [InlineData("{\"callbackCommand\":\"someOtherCommand\",\"ownerUserID\":\"a\",\"friendUserID\":\"b\",\"remark\":\"c\"}")]
    public async Task Before_set_remark_continues_even_for_a_malformed_body(string body)
    {
        var response = await _callbacks.SendAsync("callbackBeforeSetFriendRemarkCommand", Encoding.UTF8.GetBytes(body), "op-1");

        response.AssertSuccess();
    }

    [Fact]
    public async Task Before_set_remark_continues_even_for_an_oversized_body()
    {
        var body = GoJson.FriendRemarkCallback("callbackBeforeSetFriendRemarkCommand", "a", "b", new string('x', 200 * 1024));

        var response = await _callbacks.SendAsync("callbackBeforeSetFriendRemarkCommand", body, "op-1");

        response.AssertSuccess();
    }

    /// <summary>What is wrong, the body ("{owner}" is replaced by the test's owner), the expected errCode.</summary>
    public static TheoryData<string, string, int> BadAfterSetBodies => new()
    {
        { "not JSON", "remark=x", 20001 },
        { "empty body", "", 20001 },
        { "truncated JSON", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\"", 20001 },
        { "array instead of object", "[\"{owner}\"]", 20002 },
        { "owner is a number", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":10,\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20002 },
        { "remark is an object", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":{}}\n", 20002 },
        { "owner missing", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20003 },
        { "owner empty", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"\",\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20003 },
        { "owner null", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":null,\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20003 },
        { "friend missing", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"remark\":\"x\"}\n", 20004 },
        { "friend empty", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"\",\"remark\":\"x\"}\n", 20004 },
        { "remark missing", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\"}\n", 20005 },
        { "remark null", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":null}\n", 20005 },
        { "command differs from path", "{\"callbackCommand\":\"callbackAfterDeleteFriendCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20006 },
        { "command missing", "{\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":\"x\"}\n", 20006 },
    };

    [Theory]
    [MemberData(nameof(BadAfterSetBodies))]
    public async Task Bad_after_set_body_is_rejected_with_its_code_and_changes_nothing(string problem, string body, int errCode)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();

        var response = await _callbacks.SendAsync(AfterSet, Encoding.UTF8.GetBytes(body.Replace("{owner}", owner)), "op-bad");

        response.AssertFailure(HttpStatusCode.BadRequest, errCode, problem);
        var unchanged = await _remarks.LookupAsync(owner, "friend");
        Assert.Equal(["original"], unchanged.Select(remark => remark.Remark));
    }

    public static TheoryData<string, string> BodiesWithBadText => new()
    {
        { "invalid UTF-8 in the remark", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":\"a{0xFF}b\"}\n" },
        { "invalid UTF-8 in an unknown field", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"ex\":\"{0xFF}\",\"remark\":\"x\"}\n" },
        { "escaped lone surrogate in the remark", "{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\",\"remark\":\"\\ud800\"}\n" },
    };

    [Theory]
    [MemberData(nameof(BodiesWithBadText))]
    public async Task Body_with_text_that_is_not_UTF_8_is_rejected_as_not_JSON_and_changes_nothing(string problem, string body)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();
        var parts = body.Replace("{owner}", owner).Split("{0xFF}");
        byte[] bytes = [.. parts.SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [0xFF, .. Encoding.UTF8.GetBytes(part)])];

        var response = await _callbacks.SendAsync(AfterSet, bytes, "op-bad-text");

        response.AssertFailure(HttpStatusCode.BadRequest, 20001, problem);
        Assert.Equal("original", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // no Content-Length: only reading the body shows its size
    public async Task Body_over_the_size_limit_is_rejected_and_changes_nothing(bool chunked)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();
        var body = GoJson.FriendRemarkCallback(AfterSet, owner, "friend", new string('x', 64 * 1024));

        var response = chunked
            ? await _callbacks.SendChunkedAsync(AfterSet, body, "op-big-chunked")
            : await _callbacks.SendAsync(AfterSet, body, "op-big");

        response.AssertFailure(HttpStatusCode.BadRequest, 20007);
        Assert.Equal("original", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Chunked_body_under_the_size_limit_is_stored()
    {
        var owner = RemarkApi.NewUser();
        var remark = new string('y', 4 * 1024);
        // An unknown field makes the body large; a remark is bounded by Callback:MaxRemarkBytes on its own.
        var body = GoJson.Object(
            ("callbackCommand", AfterSet), ("ownerUserID", owner), ("friendUserID", "friend"), ("remark", remark), ("ex", new string('p', 20 * 1024)));

        var response = await _callbacks.SendChunkedAsync(AfterSet, body, "op-chunked");

        response.AssertSuccess();
        Assert.Equal(remark, (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Body_just_under_the_size_limit_is_accepted()
    {
        var owner = RemarkApi.NewUser();
        byte[] Body(string padding) => GoJson.Object(
            ("callbackCommand", AfterSet), ("ownerUserID", owner), ("friendUserID", "friend"), ("remark", "at the limit"), ("ex", padding));
        var body = Body(new string('x', 64 * 1024 - Body("").Length));
        Assert.Equal(64 * 1024, body.Length);

        (await _callbacks.SendAsync(AfterSet, body, "op-limit")).AssertSuccess();

        Assert.Equal("at the limit", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Theory]
    [InlineData("{\"callbackCommand\":\"callbackAfterDeleteFriendCommand\",\"ownerUserID\":\"{owner}\"}\n", 20004)]
    [InlineData("{\"callbackCommand\":\"callbackAfterDeleteFriendCommand\",\"friendUserID\":\"friend\"}\n", 20003)]
    [InlineData("{\"callbackCommand\":\"callbackAfterSetFriendRemarkCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":\"friend\"}\n", 20006)]
    [InlineData("{\"callbackCommand\":\"callbackAfterDeleteFriendCommand\",\"ownerUserID\":\"{owner}\",\"friendUserID\":true}\n", 20002)]
    public async Task Bad_after_delete_body_is_rejected_and_removes_nothing(string body, int errCode)
    {
        var owner = RemarkApi.NewUser();
        (await _callbacks.SetRemarkAsync(owner, "friend", "original", "op-original")).AssertSuccess();

        var response = await _callbacks.SendAsync("callbackAfterDeleteFriendCommand", Encoding.UTF8.GetBytes(body.Replace("{owner}", owner)), "op-bad");

        response.AssertFailure(HttpStatusCode.BadRequest, errCode);
        Assert.Equal("original", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Unknown_extra_fields_are_ignored()
    {
        var owner = RemarkApi.NewUser();
        var body = GoJson.Object(
            ("callbackCommand", AfterSet), ("ownerUserID", owner), ("friendUserID", "friend"), ("remark", "kept"), ("ex", "future field"));

        (await _callbacks.SendAsync(AfterSet, body, "op-1")).AssertSuccess();

        Assert.Equal("kept", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Fact]
    public async Task Callbacks_outside_the_base_path_are_not_found()
    {
        var owner = RemarkApi.NewUser();
        var body = GoJson.FriendRemarkCallback(AfterSet, owner, "friend", "x");

        var response = await _callbacks.PostAsync($"/elsewhere/{AfterSet}", body, "op-1");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Null(await _remarks.GetAsync(owner, "friend"));
    }
}
