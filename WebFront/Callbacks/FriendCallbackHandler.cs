using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Configuration;
using OrleansRemarks.WebFront.Json;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// Answers one OpenIM callback. After-set-remark and after-delete-friend are validated, applied by
/// the owner's grain and answered once durable; every other command is answered "continue" at once.
/// </summary>
public sealed partial class FriendCallbackHandler(
    IClusterClient cluster,
    IOptions<CallbackOptions> options,
    ILogger<FriendCallbackHandler> logger)
{
    public async Task<JsonHttpResult<CallbackReply>> HandleAsync(string command, HttpRequest request, CancellationToken cancellationToken)
    {
        var kind = CallbackCommands.Classify(command);
        if (kind is CallbackCommandKind.BeforeSetFriendRemark or CallbackCommandKind.Other)
        {
            // Before-callbacks block an OpenIM user until answered: no body parsing, no storage, no failure.
            return Reply(StatusCodes.Status200OK, CallbackReply.Continue);
        }

        var operationId = OperationIdHeader.Read(request);
        var body = await CallbackBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(command, operationId, new CallbackRejection(
                CallbackErrorCode.BodyTooLarge,
                $"The body is larger than the {options.Value.MaxBodyBytes} bytes allowed (Callback:MaxBodyBytes)."));
        }

        var remarkRequired = kind == CallbackCommandKind.AfterSetFriendRemark;
        if (!FriendCallbackParser.TryParse(body, command, remarkRequired, out var callback, out var rejection))
        {
            return Reject(command, operationId, rejection);
        }

        try
        {
            var result = await ApplyAsync(kind, callback, operationId);
            LogApplied(command, result.Outcome, result.OwnerVersion, operationId);
            return Reply(StatusCodes.Status200OK, CallbackReply.Continue);
        }
        catch (Exception exception)
        {
            return Fail(command, operationId, exception);
        }
    }

    private Task<RemarkChangeResult> ApplyAsync(CallbackCommandKind kind, FriendCallback callback, string? operationId)
    {
        var grain = cluster.GetUserFriendsGrain(callback.OwnerUserId);
        return kind == CallbackCommandKind.AfterSetFriendRemark
            ? grain.ApplyRemarkAsync(new RemarkChange(callback.FriendUserId, callback.Remark!, operationId))
            : grain.RemoveFriendAsync(new FriendRemoval(callback.FriendUserId, operationId));
    }

    private JsonHttpResult<CallbackReply> Reject(string command, string? operationId, CallbackRejection rejection)
    {
        LogRejected(command, (int)rejection.Code, rejection.Detail, operationId);
        return Reply(StatusCodes.Status400BadRequest, CallbackReply.Failure(rejection.Code, rejection.Detail));
    }

    private JsonHttpResult<CallbackReply> Fail(string command, string? operationId, Exception exception)
    {
        switch (GrainCallFailure.Classify(exception))
        {
            case GrainCallFailureKind.InvalidInput:
                return Reject(command, operationId, new CallbackRejection(CallbackErrorCode.InvalidValue, exception.Message));
            case GrainCallFailureKind.Unavailable:
                LogUnavailable(exception, command, operationId);
                return Reply(StatusCodes.Status503ServiceUnavailable, CallbackReply.Failure(
                    CallbackErrorCode.Unavailable,
                    $"Storage or the Orleans cluster is unavailable ({exception.GetType().Name}); nothing was stored."));
            default:
                LogInternalError(exception, command, operationId);
                return Reply(StatusCodes.Status500InternalServerError, CallbackReply.Failure(
                    CallbackErrorCode.InternalError,
                    $"Unexpected {exception.GetType().Name}; see the WebFront log for operationID {operationId}."));
        }
    }

    private static JsonHttpResult<CallbackReply> Reply(int statusCode, CallbackReply reply) =>
        TypedResults.Json(reply, WebFrontJsonContext.Default.CallbackReply, statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback {Command} applied: {Outcome}, owner version {OwnerVersion} (operationID {OperationId})")]
    private partial void LogApplied(string command, RemarkChangeOutcome outcome, long ownerVersion, string? operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Command} rejected with errCode {ErrCode}: {Detail} (operationID {OperationId})")]
    private partial void LogRejected(string command, int errCode, string detail, string? operationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {Command} not stored: storage or cluster unavailable (operationID {OperationId})")]
    private partial void LogUnavailable(Exception exception, string command, string? operationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {Command} failed unexpectedly (operationID {OperationId})")]
    private partial void LogInternalError(Exception exception, string command, string? operationId);
}
