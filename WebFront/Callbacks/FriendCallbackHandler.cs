using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Json;
using OrleansRemarks.WebFront.Policy;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// Answers one OpenIM callback. After-set-remark and after-delete-friend are validated, applied by
/// the owner's grain and answered once durable; every other command is answered "continue" at once.
/// Every log line names the command and the operationID; none holds a remark's text.
/// </summary>
public sealed partial class FriendCallbackHandler(
    IClusterClient cluster,
    IOptions<CallbackOptions> options,
    CallbackMetrics metrics,
    RemarkPolicyHandler policy,
    ILogger<FriendCallbackHandler> logger)
{
    public async Task<JsonHttpResult<CallbackReply>> HandleAsync(string command, HttpRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = CallbackOutcome.Failed;
        try
        {
            (var reply, outcome) = await AnswerAsync(command, request, cancellationToken);
            return reply;
        }
        finally
        {
            metrics.Record(command, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<(JsonHttpResult<CallbackReply> Reply, CallbackOutcome Outcome)> AnswerAsync(
        string command, HttpRequest request, CancellationToken cancellationToken)
    {
        var kind = CallbackCommands.Classify(command);
        var operationId = OperationIdHeader.Read(request);
        if (kind == CallbackCommandKind.BeforeSetFriendRemark && policy.IsActive)
        {
            // The remark policy: it reads the body, but still never fails the user's edit (it fails open).
            return (await policy.AnswerAsync(command, request, operationId, cancellationToken), CallbackOutcome.Decided);
        }

        if (kind is CallbackCommandKind.BeforeSetFriendRemark or CallbackCommandKind.Other)
        {
            // Before-callbacks block an OpenIM user until answered: no body parsing, no storage, no failure.
            LogIgnored(LogText.Of(CallbackMetrics.CommandLabel(command))!, LogText.Of(operationId));
            return (Reply(StatusCodes.Status200OK, CallbackReply.Continue), CallbackOutcome.Ignored);
        }

        var body = await CallbackBodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(command, operationId, new CallbackRejection(
                CallbackErrorCode.BodyTooLarge,
                $"The body is larger than the {options.Value.MaxBodyBytes} bytes allowed (Callback:MaxBodyBytes)."));
        }

        var remarkRequired = kind == CallbackCommandKind.AfterSetFriendRemark;
        if (!FriendCallbackParser.TryParse(body, command, remarkRequired, options.Value.MaxRemarkBytes, out var callback, out var rejection))
        {
            return Reject(command, operationId, rejection);
        }

        if (operationId is not null && InputRules.OperationIdProblem(operationId) is { } operationIdProblem)
        {
            return Reject(command, operationId, new CallbackRejection(CallbackErrorCode.InvalidOperationId, "The operationID header " + operationIdProblem));
        }

        try
        {
            var result = await ApplyAsync(kind, callback, operationId).WaitAsync(options.Value.Timeout);
            var outcome = OutcomeOf(result.Outcome);
            LogAnswered(LogText.Of(command)!, outcome, LogText.Of(callback.OwnerUserId)!, LogText.Of(callback.FriendUserId)!, result.OwnerVersion, LogText.Of(operationId));
            return (Reply(StatusCodes.Status200OK, CallbackReply.Continue), outcome);
        }
        catch (TimeoutException)
        {
            LogTimedOut(LogText.Of(command)!, options.Value.TimeoutSeconds, LogText.Of(operationId));
            return (Reply(StatusCodes.Status503ServiceUnavailable, CallbackReply.Failure(
                CallbackErrorCode.Unavailable,
                $"The cluster did not answer within {options.Value.TimeoutSeconds} s (Callback:TimeoutSeconds); " +
                "the change may still be applied later.")), CallbackOutcome.Failed);
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

    private static CallbackOutcome OutcomeOf(RemarkChangeOutcome outcome) => outcome switch
    {
        RemarkChangeOutcome.Applied => CallbackOutcome.Applied,
        RemarkChangeOutcome.Unchanged => CallbackOutcome.Unchanged,
        RemarkChangeOutcome.Duplicate => CallbackOutcome.Duplicate,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown remark change outcome."),
    };

    private (JsonHttpResult<CallbackReply>, CallbackOutcome) Reject(string command, string? operationId, CallbackRejection rejection)
    {
        LogRejected(LogText.Of(command)!, (int)rejection.Code, LogText.Of(rejection.Detail)!, LogText.Of(operationId));
        return (Reply(StatusCodes.Status400BadRequest, CallbackReply.Failure(rejection.Code, rejection.Detail)), CallbackOutcome.Rejected);
    }

    private (JsonHttpResult<CallbackReply>, CallbackOutcome) Fail(string command, string? operationId, Exception exception)
    {
        switch (GrainCallFailure.Classify(exception))
        {
            case GrainCallFailureKind.InvalidInput:
                return Reject(command, operationId, new CallbackRejection(CallbackErrorCode.InvalidValue, exception.Message));
            case GrainCallFailureKind.Unavailable:
                LogUnavailable(exception, LogText.Of(command)!, LogText.Of(operationId));
                return (Reply(StatusCodes.Status503ServiceUnavailable, CallbackReply.Failure(
                    CallbackErrorCode.Unavailable,
                    $"Storage or the Orleans cluster is unavailable ({exception.GetType().Name}); nothing was stored.")), CallbackOutcome.Failed);
            default:
                LogInternalError(exception, LogText.Of(command)!, LogText.Of(operationId));
                return (Reply(StatusCodes.Status500InternalServerError, CallbackReply.Failure(
                    CallbackErrorCode.InternalError,
                    $"Unexpected {exception.GetType().Name}; see the WebFront log for operationID {operationId}.")), CallbackOutcome.Failed);
        }
    }

    private static JsonHttpResult<CallbackReply> Reply(int statusCode, CallbackReply reply) =>
        TypedResults.Json(reply, WebFrontJsonContext.Default.CallbackReply, statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {Command} for owner {OwnerUserId}, friend {FriendUserId}: {Outcome}, owner version {OwnerVersion} (operationID {OperationId})")]
    private partial void LogAnswered(string command, CallbackOutcome outcome, string ownerUserId, string friendUserId, long ownerVersion, string? operationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback {Command} ignored: answered \"continue\" (operationID {OperationId})")]
    private partial void LogIgnored(string command, string? operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Command} rejected with errCode {ErrCode}: {Detail} (operationID {OperationId})")]
    private partial void LogRejected(string command, int errCode, string detail, string? operationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {Command} not stored: storage or cluster unavailable (operationID {OperationId})")]
    private partial void LogUnavailable(Exception exception, string command, string? operationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {Command} timed out after {TimeoutSeconds} s waiting for the cluster; it may still be applied (operationID {OperationId})")]
    private partial void LogTimedOut(string command, int timeoutSeconds, string? operationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback {Command} failed unexpectedly (operationID {OperationId})")]
    private partial void LogInternalError(Exception exception, string command, string? operationId);
}
