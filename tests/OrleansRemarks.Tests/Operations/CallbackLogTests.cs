using System.Net;
using OrleansRemarks.Tests.Http;

namespace OrleansRemarks.Tests.Operations;

/// <summary>
/// The web front and the silo run with JSON console logs: every line is JSON, every callback line
/// names its command and operationID, and no secret, password or remark text is ever written.
/// </summary>
[Collection(ObservedServiceCollection.Name)]
public sealed class CallbackLogTests(ObservedServiceFixture service)
{
    private const string CallbackCategory = "OrleansRemarks.WebFront.Callbacks.FriendCallbackHandler";
    private const string SetRemark = "callbackAfterSetFriendRemarkCommand";
    private const string DeleteFriend = "callbackAfterDeleteFriendCommand";

    /// <summary>What the silo prints itself before its logger exists (the schema migration's result).</summary>
    private static readonly string[] SiloPlainLines = ["Schema is up to date", "Applied migration"];

    private readonly OpenImCallbackSender _callbacks = service.Callbacks;

    [Fact]
    public async Task Every_callback_log_line_carries_the_command_and_the_operation_id()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var owner = "logs-" + run;
        (await _callbacks.SetRemarkAsync(owner, "f1", "one", $"{run}-applied")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "f1", "one", $"{run}-applied")).AssertSuccess();
        (await _callbacks.DeleteFriendAsync(owner, "f1", $"{run}-deleted")).AssertSuccess();
        (await _callbacks.SendAsync(SetRemark, GoJson.Object(("callbackCommand", SetRemark), ("ownerUserID", owner)), $"{run}-rejected"))
            .AssertFailure(HttpStatusCode.BadRequest, 20004);

        var lines = await Eventually.ReturnsAsync(
            () => Task.FromResult(CallbackLines(run)), found => found.Count >= 4, TimeSpan.FromSeconds(10), "Four callback log lines");

        Assert.Equal(4, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Contains(line.State["Command"], new[] { SetRemark, DeleteFriend });
            Assert.StartsWith(run, line.State["OperationId"]);
            Assert.Contains(line.State["OperationId"]!, line.Message);
            Assert.Contains(line.State["Command"]!, line.Message);
        });
        Assert.Equal(["Applied", "Duplicate"], lines.Where(line => line.State["OperationId"] == $"{run}-applied").Select(line => line.State["Outcome"]));
        Assert.Equal("Warning", Assert.Single(lines, line => line.State["OperationId"] == $"{run}-rejected").LogLevel);
    }

    [Fact]
    public async Task Secrets_passwords_and_remark_text_never_reach_either_log()
    {
        var remark = "remark-text-" + Guid.NewGuid().ToString("N");
        var owner = "private-" + Guid.NewGuid().ToString("N")[..8];
        (await _callbacks.SetRemarkAsync(owner, "f1", remark, "private-1")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "f1", remark, "private-1")).AssertSuccess();
        (await _callbacks.SetRemarkAsync(owner, "f2", remark + "-2", "private-2")).AssertSuccess();
        // Refused bodies that still hold a remark: a mismatched command, and a remark of the wrong type.
        (await _callbacks.SendAsync(SetRemark, GoJson.FriendRemarkCallback(DeleteFriend, owner, "f3", remark), "private-3"))
            .AssertFailure(HttpStatusCode.BadRequest, 20006);
        (await _callbacks.SendAsync(SetRemark, System.Text.Encoding.UTF8.GetBytes(
            $$"""{"callbackCommand":"{{SetRemark}}","ownerUserID":"{{owner}}","friendUserID":"f4","remark":["{{remark}}"]}"""), "private-4"))
            .AssertFailure(HttpStatusCode.BadRequest, 20002);
        Assert.Equal(remark, (await service.Remarks.GetAsync(owner, "f1"))?.Remark);
        Assert.Equal(2, (await service.Remarks.LookupAsync(owner, "f1", "f2")).Count);
        await Eventually.ReturnsAsync(() => Task.FromResult(service.WebFront.Output), output => output.Contains("private-4"),
            TimeSpan.FromSeconds(10), "The last callback's log line");

        var webFront = service.WebFront.Output;
        var silo = service.SiloOutput;

        Assert.NotEmpty(JsonLogLine.ParseAll(webFront));
        Assert.NotEmpty(JsonLogLine.ParseAll(silo, SiloPlainLines));
        foreach (var (log, process) in new[] { (webFront, "web front"), (silo, "silo") })
        {
            Assert.False(log.Contains(remark, StringComparison.Ordinal), $"The {process} logged a remark's text.");
            Assert.False(log.Contains(OperationsDeployment.CallbackSecret, StringComparison.OrdinalIgnoreCase), $"The {process} logged the callback secret.");
            Assert.False(log.Contains(OperationsDeployment.DatabasePassword, StringComparison.Ordinal), $"The {process} logged the database password.");
        }
    }

    private List<JsonLogLine> CallbackLines(string run) => JsonLogLine.ParseAll(service.WebFront.Output)
        .Where(line => line.Category == CallbackCategory && line.State.GetValueOrDefault("OperationId")?.StartsWith(run, StringComparison.Ordinal) == true)
        .ToList();
}
