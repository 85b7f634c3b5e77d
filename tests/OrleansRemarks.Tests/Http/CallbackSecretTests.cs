using System.Net;
using System.Text;

namespace OrleansRemarks.Tests.Http;

/// <summary>A web front with Callback:Secret serves callbacks only under {BasePath}/{secret}/{command}.</summary>
public sealed class CallbackSecretTests(SecretCallbackFixture service) : IClassFixture<SecretCallbackFixture>
{
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";
    private const string SecretPath = "/callbackExample/" + SecretCallbackFixture.Secret;

    private readonly OpenImCallbackSender _callbacks = new(service.Client, SecretPath);
    private readonly OpenImCallbackSender _unprotected = service.Callbacks;
    private readonly RemarkApi _remarks = service.Remarks;

    [Fact]
    public async Task Callback_under_the_secret_path_is_stored()
    {
        var owner = RemarkApi.NewUser();

        (await _callbacks.SetRemarkAsync(owner, "friend", "with secret", "op-1")).AssertSuccess();

        Assert.Equal("with secret", (await _remarks.GetAsync(owner, "friend"))?.Remark);
    }

    [Theory]
    [InlineData("/callbackExample/wrong-secret-0123456789")]
    [InlineData("/callbackExample/" + SecretCallbackFixture.Secret + "x")]
    [InlineData("/callbackExample/S3CR3T-PATH-SEGMENT_0123456789")]
    [InlineData("/callbackExample")]
    [InlineData("/callbackExample/" + SecretCallbackFixture.Secret + "/extra")]
    public async Task Any_other_callback_path_is_not_found_and_stores_nothing(string basePath)
    {
        var owner = RemarkApi.NewUser();
        var sender = new OpenImCallbackSender(service.Client, basePath);

        var response = await sender.SetRemarkAsync(owner, "friend", "must not be stored", "op-1");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Null(await _remarks.GetAsync(owner, "friend"));
    }

    [Fact]
    public async Task Before_callback_needs_the_secret_too()
    {
        const string Before = "callbackBeforeSetFriendRemarkCommand";
        var body = GoJson.FriendRemarkCallback(Before, "a", "b", "c");

        (await _callbacks.SendAsync(Before, body, "op-1")).AssertSuccess();
        Assert.Equal(HttpStatusCode.NotFound, (await _unprotected.SendAsync(Before, body, "op-1")).Status);
    }

    [Fact]
    public async Task Secret_never_reaches_the_log()
    {
        var owner = RemarkApi.NewUser();
        // A rejected callback is logged as a warning, inside whatever scopes the request has.
        var rejected = await _callbacks.SendAsync(AfterSet, Encoding.UTF8.GetBytes("{}"), "op-logged");
        rejected.AssertFailure(HttpStatusCode.BadRequest, 20006);
        (await _callbacks.SetRemarkAsync(owner, "friend", "logged", "op-2")).AssertSuccess();
        // Paths that hold the secret but are not served must not be logged either (routing logs unmatched paths).
        foreach (var nearMiss in new[] { SecretPath + "x", SecretPath + "/extra", "/callbackExample/x" + SecretCallbackFixture.Secret })
        {
            var response = await new OpenImCallbackSender(service.Client, nearMiss).SetRemarkAsync(owner, "friend", "x", "op-3");
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
        }

        var log = service.WebFront.Output;

        Assert.Contains("op-logged", log); // the log is captured and holds the request's own lines
        Assert.DoesNotContain(SecretCallbackFixture.Secret, log, StringComparison.OrdinalIgnoreCase);
    }
}
