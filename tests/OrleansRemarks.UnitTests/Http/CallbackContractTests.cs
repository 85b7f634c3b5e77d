using System.Net;
using System.Text;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>The OpenIM callback endpoint: what OpenIM sends, what it gets back, and what reaches the owner's grain.</summary>
public sealed class CallbackContractTests(WebFrontFactory web) : IClassFixture<WebFrontFactory>
{
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";
    private const string AfterDelete = "callbackAfterDeleteFriendCommand";
    private const string BasePath = "/callbackExample/";

    private readonly HttpClient _client = web.CreateClient();
    private readonly InMemoryCluster _cluster = web.Cluster;

    private static string NewOwner() => "owner-" + Guid.NewGuid().ToString("N");

    private Task<HttpResponseMessage> SetAsync(string owner, string friend, string remark, string? operationId, string command = AfterSet, string header = "operationID") =>
        OpenImReplies.PostAsync(_client, BasePath + command, GoJson.FriendRemarkCallback(command, owner, friend, remark), operationId, header);

    private async Task<string?> StoredAsync(string owner, string friend) => (await _cluster.Owner(owner).GetRemarkAsync(friend))?.Remark;

    [Theory]
    [InlineData(AfterSet)]
    [InlineData("callbackAfterSetFriendRemark")] // OpenIM v3.6 and older
    public async Task After_set_remark_as_go_encodes_it_is_applied_then_answered_with_numeric_codes(string command)
    {
        var owner = NewOwner();

        using var response = await SetAsync(owner, "u2", "<b>Bob</b> & co 😀", "op-1", command);

        await OpenImReplies.AssertSuccessAsync(response);
        Assert.Equal("<b>Bob</b> & co 😀", await StoredAsync(owner, "u2"));
    }

    [Fact]
    public async Task After_delete_friend_removes_the_remark()
    {
        var owner = NewOwner();
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "Bob", "op-1"));

        using var response = await OpenImReplies.PostAsync(_client, BasePath + AfterDelete, GoJson.DeleteFriendCallback(owner, "u2"), "op-2");

        await OpenImReplies.AssertSuccessAsync(response);
        Assert.Null(await StoredAsync(owner, "u2"));
    }

    [Theory]
    [InlineData("operationID")]
    [InlineData("Operationid")] // Go's net/http on HTTP/1.1
    [InlineData("operationid")] // HTTP/2
    public async Task The_operation_id_header_reaches_the_grain_in_any_spelling(string header)
    {
        var owner = NewOwner();
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "first", "op-a", header: header));
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "second", "op-b"));

        // Answered like any success, and recognised as a replay only because the operationID arrived.
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "first", "op-a", header: header));

        Assert.Equal("second", await StoredAsync(owner, "u2"));
    }

    [Fact]
    public async Task Without_an_operation_id_the_same_change_is_applied_again()
    {
        var owner = NewOwner();
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "first", operationId: null));
        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "second", operationId: null));

        await OpenImReplies.AssertSuccessAsync(await SetAsync(owner, "u2", "first", operationId: null));

        Assert.Equal("first", await StoredAsync(owner, "u2"));
    }

    [Theory]
    [InlineData("", 20001)]
    [InlineData("{\"callbackCommand\":", 20001)]
    [InlineData("[1,2]", 20002)]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":7,\"friendUserID\":\"u2\",\"remark\":\"r\"}", 20002)]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"friendUserID\":\"u2\",\"remark\":\"r\"}", 20003)]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u1\",\"remark\":\"r\"}", 20004)]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\"}", 20005)]
    [InlineData("{\"callbackCommand\":\"" + AfterDelete + "\",\"ownerUserID\":\"u1\",\"friendUserID\":\"u2\",\"remark\":\"r\"}", 20006)]
    [InlineData("{\"callbackCommand\":\"" + AfterSet + "\",\"ownerUserID\":\"u\\u00011\",\"friendUserID\":\"u2\",\"remark\":\"r\"}", 20009)]
    public async Task A_bad_body_is_a_400_with_its_errCode_and_changes_nothing(string body, int errCode)
    {
        using var response = await OpenImReplies.PostAsync(_client, BasePath + AfterSet, Encoding.UTF8.GetBytes(body));

        await OpenImReplies.AssertFailureAsync(response, HttpStatusCode.BadRequest, errCode);
        Assert.Null(await StoredAsync("u1", "u2"));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_20007()
    {
        var owner = NewOwner();
        var body = GoJson.FriendRemarkCallback(AfterSet, owner, "u2", new string('x', 70_000));

        using var response = await OpenImReplies.PostAsync(_client, BasePath + AfterSet, body);

        var detail = await OpenImReplies.AssertFailureAsync(response, HttpStatusCode.BadRequest, 20007);
        Assert.Contains("Callback:MaxBodyBytes", detail, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(owner, "u2"));
    }

    [Fact]
    public async Task An_operation_id_over_256_bytes_is_20012()
    {
        var owner = NewOwner();

        using var response = await SetAsync(owner, "u2", "Bob", new string('o', 257));

        await OpenImReplies.AssertFailureAsync(response, HttpStatusCode.BadRequest, 20012);
        Assert.Null(await StoredAsync(owner, "u2"));
    }

    [Theory]
    [InlineData("callbackBeforeSetFriendRemarkCommand")] // the remark policy is off: answered unread
    [InlineData("callbackBeforeAddFriendCommand")]
    [InlineData("anyOtherCommand")]
    public async Task Every_other_command_is_answered_continue_without_reading_the_body(string command)
    {
        using var response = await OpenImReplies.PostAsync(_client, BasePath + command, Encoding.UTF8.GetBytes("not json at all"));

        await OpenImReplies.AssertSuccessAsync(response);
    }

    [Fact]
    public async Task Only_POST_on_one_segment_under_the_base_path_is_a_callback()
    {
        var body = GoJson.FriendRemarkCallback(AfterSet, "u1", "u2", "r");

        using var get = await _client.GetAsync(new Uri(BasePath + AfterSet, UriKind.Relative));
        using var nested = await OpenImReplies.PostAsync(_client, BasePath + "extra/" + AfterSet, body);
        using var elsewhere = await OpenImReplies.PostAsync(_client, "/callbacks/" + AfterSet, body);
        using var bare = await OpenImReplies.PostAsync(_client, BasePath.TrimEnd('/'), body);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nested.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_503_with_25001_so_OpenIM_does_not_take_it_as_stored()
    {
        var owner = NewOwner();
        _cluster.Unavailable = () => new SiloUnavailableException();
        try
        {
            using var response = await SetAsync(owner, "u2", "Bob", "op-1");

            await OpenImReplies.AssertFailureAsync(response, HttpStatusCode.ServiceUnavailable, 25001);
        }
        finally
        {
            _cluster.Unavailable = null;
        }

        Assert.Null(await StoredAsync(owner, "u2"));
    }
}
