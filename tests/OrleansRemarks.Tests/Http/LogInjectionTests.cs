using System.Net;
using OrleansRemarks.Tests.Operations;

namespace OrleansRemarks.Tests.Http;

/// <summary>
/// The web front's plain (simple formatter) log never carries a raw control character from a request:
/// a newline in a request value cannot start a forged log line, an escape sequence cannot reach a
/// terminal. The values still appear, escaped (<c>\u000A</c>), on the line that logs them.
/// </summary>
[Collection(WebFrontCollection.Name)]
public sealed class LogInjectionTests(WebFrontFixture service)
{
    private const string AfterSet = "callbackAfterSetFriendRemarkCommand";

    [Fact]
    public async Task Control_characters_from_a_request_are_escaped_in_the_log()
    {
        var run = "FORGED-" + Guid.NewGuid().ToString("N")[..8];
        var owner = RemarkApi.NewUser();
        // A refused body whose callbackCommand (echoed in the refusal's detail) carries a forged line.
        var forgedCommand = $"x\n{run} info: forged line\u001b[2J\u0085\u2028";
        var mismatch = await service.Callbacks.SendAsync(
            AfterSet,
            GoJson.Object(("callbackCommand", forgedCommand), ("ownerUserID", owner), ("friendUserID", "f"), ("remark", "x")),
            run + "-mismatch");
        // An operationID header with an escape sequence, on a callback that is refused and on one that is applied.
        var badOperationId = await service.Callbacks.SetRemarkAsync(owner, "f", "x", $"{run}-op\u001b[31m\u0007");

        mismatch.AssertFailure(HttpStatusCode.BadRequest, 20006);
        badOperationId.AssertFailure(HttpStatusCode.BadRequest, 20012);
        var lines = await Eventually.ReturnsAsync(
            () => Task.FromResult(service.WebFront.Output.Split('\n').Where(line => line.Contains(run, StringComparison.Ordinal)).ToList()),
            found => found.Count >= 2, TimeSpan.FromSeconds(10), "The refusals' log lines");

        Assert.All(lines, line =>
        {
            Assert.Contains("rejected with errCode", line); // the value stayed on the line that logs it
            Assert.DoesNotContain(line, character => char.IsControl(character) || character is '\u2028' or '\u2029');
        });
        Assert.Contains(lines, line => line.Contains("\\u000A" + run, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\\u001B[31m", StringComparison.Ordinal));
    }
}
