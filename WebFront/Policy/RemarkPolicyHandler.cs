using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Callbacks;
using OrleansRemarks.WebFront.Json;
using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.WebFront.Policy;

/// <summary>
/// Answers OpenIM's before-set-remark callback with the remark policy. OpenIM's user waits for this
/// reply, and a failed or late reply fails their edit, so it <b>fails open</b>: a body that cannot be
/// read, any exception, a silo that does not answer and <c>Policy:TimeoutMilliseconds</c> elapsing
/// all answer "continue" (counted as <c>failed_open</c>). Every reply is HTTP 200.
/// </summary>
public sealed partial class RemarkPolicyHandler(
    PolicyRuleSource rules,
    IClusterClient cluster,
    IOptions<CallbackOptions> callbackOptions,
    PolicyMetrics metrics,
    ILogger<RemarkPolicyHandler> logger)
{
    /// <summary>False while every rule is off: the callback is then answered "continue" unread, as before the policy existed.</summary>
    public bool IsActive => rules.Current.IsActive;

    public async Task<JsonHttpResult<CallbackReply>> AnswerAsync(string command, HttpRequest request, string? operationId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var current = rules.Current;
        var stage = PolicyRule.Input;
        string? rewritten = null;
        PolicyDecision decision;
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(current.Timeout);
            var body = await CallbackBodyReader.ReadAsync(request, callbackOptions.Value.MaxBodyBytes, budget.Token);
            if (body is null)
            {
                decision = PolicyDecision.FailedOpen(stage, "The body is larger than Callback:MaxBodyBytes.");
            }
            else if (!FriendCallbackParser.TryParse(body, command, remarkRequired: true, callbackOptions.Value.MaxRemarkBytes, out var callback, out var rejection))
            {
                decision = PolicyDecision.FailedOpen(stage, $"errCode {(int)rejection.Code}: {rejection.Detail}");
            }
            else
            {
                stage = PolicyRule.None;
                decision = current.DecideWithoutState(callback.Remark!);
                rewritten = decision.RewrittenRemark;
                if (decision.Kind != PolicyDecisionKind.Refused && current.AsksOwner)
                {
                    stage = PolicyRule.Rate;
                    var remaining = current.Timeout - Stopwatch.GetElapsedTime(started);
                    var rate = await cluster.GetUserFriendsGrain(callback.OwnerUserId)
                        .CountRemarkChangeAsync(current.MaxChangesPerOwnerPerMinute)
                        .WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
                    if (!rate.Allowed)
                    {
                        decision = PolicyDecision.Refused(PolicyRule.Rate, PolicyRefusalCode.TooManyChanges,
                            $"The owner changed remarks {rate.ChangesInLastMinute} times in the last 60 s; at most " +
                            $"{current.MaxChangesPerOwnerPerMinute} are allowed (Policy:MaxChangesPerOwnerPerMinute). " +
                            $"Retry in {rate.RetryAfterSeconds} s.");
                    }
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Never fail the user's edit because of us: internal errors, a silo that does not answer and timeouts all continue.
            var reason = exception is TimeoutException or OperationCanceledException
                ? $"No decision within {(int)current.Timeout.TotalMilliseconds} ms (Policy:TimeoutMilliseconds)."
                : $"{exception.GetType().Name}: {exception.Message}";
            LogFailedOpen(exception, command, PolicyLabels.Of(stage), reason, operationId);
            // A rewrite already decided in the web front still goes back when only the owner's grain failed.
            decision = PolicyDecision.FailedOpen(stage, reason) with { RewrittenRemark = rewritten };
        }

        if (decision is { Kind: PolicyDecisionKind.FailedOpen, Rule: PolicyRule.Input })
        {
            LogUnreadable(command, decision.Detail, operationId);
        }

        metrics.Record(decision, Stopwatch.GetElapsedTime(started));
        if (decision.Kind == PolicyDecisionKind.Refused)
        {
            LogRefused(command, PolicyLabels.Of(decision.Rule), (int)decision.Code!.Value, operationId);
        }

        return TypedResults.Json(ReplyOf(decision), WebFrontJsonContext.Default.CallbackReply, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>
    /// The reply OpenIM reads: a refusal is <c>actionCode</c> 0 with <c>nextCode</c> 1; a rewrite adds
    /// <c>remark</c> (also when the rate check failed open after it); everything else is "continue".
    /// </summary>
    private static CallbackReply ReplyOf(PolicyDecision decision) => decision.Kind switch
    {
        PolicyDecisionKind.Refused => new CallbackReply(
            0, (int)decision.Code!.Value, PolicyRefusalMessages.ShortMessage(decision.Code.Value), decision.Detail, NextCode: 1),
        _ when decision.RewrittenRemark is not null => CallbackReply.Continue with { Remark = decision.RewrittenRemark },
        _ => CallbackReply.Continue,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {Command} refused by the remark policy ({Rule}, errCode {ErrCode}) (operationID {OperationId})")]
    private partial void LogRefused(string command, string rule, int errCode, string? operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Command}: remark policy failed open while deciding {Rule}, answered \"continue\": {Reason} (operationID {OperationId})")]
    private partial void LogFailedOpen(Exception exception, string command, string rule, string reason, string? operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Command}: body unreadable, answered \"continue\" without a policy decision: {Detail} (operationID {OperationId})")]
    private partial void LogUnreadable(string command, string detail, string? operationId);
}
