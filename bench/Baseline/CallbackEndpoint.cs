using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansRemarks.Bench.Baseline;

/// <summary>Parses the callback, upserts it, and acknowledges only after PostgreSQL committed.</summary>
public static class CallbackEndpoint
{
    private const string AfterSetFriendRemark = "callbackAfterSetFriendRemarkCommand";

    public static async Task<JsonHttpResult<CallbackReply>> HandleAsync(
        string command, HttpRequest request, RemarkTable table, CancellationToken cancellationToken)
    {
        if (command != AfterSetFriendRemark)
        {
            return TypedResults.Json(CallbackReply.Continue, BaselineJsonContext.Default.CallbackReply);
        }

        CallbackBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, BaselineJsonContext.Default.CallbackBody, cancellationToken);
        }
        catch (JsonException)
        {
            return Fail(StatusCodes.Status400BadRequest, "body is not JSON");
        }

        if (body is not { OwnerUserId.Length: > 0, FriendUserId.Length: > 0, Remark: not null })
        {
            return Fail(StatusCodes.Status400BadRequest, "missing field");
        }

        await table.UpsertAsync(body.OwnerUserId, body.FriendUserId, body.Remark, cancellationToken);
        return TypedResults.Json(CallbackReply.Continue, BaselineJsonContext.Default.CallbackReply);
    }

    private static JsonHttpResult<CallbackReply> Fail(int status, string message) =>
        TypedResults.Json(CallbackReply.Failure(message), BaselineJsonContext.Default.CallbackReply, statusCode: status);
}
