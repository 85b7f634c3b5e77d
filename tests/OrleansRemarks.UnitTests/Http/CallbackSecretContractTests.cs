using System.Net;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>With <c>Callback:Secret</c>, callbacks are served only under <c>{BasePath}/{secret}/{command}</c>.</summary>
public sealed class CallbackSecretContractTests(CallbackSecretContractTests.SecretWebFront web) : IClassFixture<CallbackSecretContractTests.SecretWebFront>
{
    public const string Secret = "s3cr3t-path-segment_0123456789";
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";

    private readonly HttpClient _client = web.CreateClient();

    public sealed class SecretWebFront() : WebFrontFactory(("Callback:Secret", Secret));

    [Fact]
    public async Task A_callback_under_the_secret_path_is_applied()
    {
        using var response = await OpenImReplies.PostAsync(_client, $"/callbackExample/{Secret}/{AfterSet}", GoJson.FriendRemarkCallback(AfterSet, "owner-s", "u2", "kept"));

        await OpenImReplies.AssertSuccessAsync(response);
        Assert.Equal("kept", (await web.Cluster.Owner("owner-s").GetRemarkAsync("u2"))?.Remark);
    }

    [Theory]
    [InlineData("/callbackExample/" + AfterSet)]
    [InlineData("/callbackExample/wrong-secret-0123456789/" + AfterSet)]
    [InlineData("/callbackExample/" + Secret + "x/" + AfterSet)]
    [InlineData("/callbackExample/S3CR3T-PATH-SEGMENT_0123456789/" + AfterSet)]
    [InlineData("/callbackExample/" + Secret + "/extra/" + AfterSet)]
    [InlineData("/callbackExample/" + Secret + "/callbackBeforeSetFriendRemarkCommand/")]
    public async Task Every_other_callback_path_is_404_and_applies_nothing(string path)
    {
        using var response = await OpenImReplies.PostAsync(_client, path, GoJson.FriendRemarkCallback(AfterSet, "owner-x", "u2", "must not be stored"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await web.Cluster.Owner("owner-x").GetRemarkAsync("u2"));
    }
}
