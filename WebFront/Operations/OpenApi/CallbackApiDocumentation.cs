using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OrleansRemarks.Grains.Interfaces;
using OrleansRemarks.WebFront.Callbacks;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.WebFront.Operations.OpenApi;

/// <summary>
/// Describes the OpenIM callback endpoint in the OpenAPI document: its body, its reply and every
/// errCode, with this web front's <c>Callback:MaxRemarkBytes</c> as configured. The body is documented without <c>Accepts</c> metadata, which would make routing refuse
/// callbacks whose Content-Type differs (OpenIM's is not checked).
/// </summary>
public static class CallbackApiDocumentation
{
    public const string OperationId = "OpenImCallback";

    public static RouteHandlerBuilder WithCallbackDocumentation(this RouteHandlerBuilder endpoint) => endpoint
        .WithName(OperationId)
        .WithSummary("Receive an OpenIM webhook callback")
        .WithDescription(Description())
        .Produces<CallbackReply>(StatusCodes.Status200OK)
        .Produces<CallbackReply>(StatusCodes.Status400BadRequest)
        .Produces<CallbackReply>(StatusCodes.Status500InternalServerError)
        .Produces<CallbackReply>(StatusCodes.Status503ServiceUnavailable)
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var services = context.ApplicationServices;
            var maxRemarkBytes = services.GetRequiredService<IOptions<CallbackOptions>>().Value.MaxRemarkBytes;
            var body = await context.GetOrCreateSchemaAsync(typeof(FriendCallbackBody), cancellationToken: cancellationToken);
            // The record's fields are nullable only so that a missing one can be named in the reply; JSON null is refused.
            foreach (var field in body.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                field.Type = JsonSchemaType.String;
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "As OpenIM sends it (any Content-Type; UTF-8 JSON). `remark` only on after-set-friend-remark, where `\"\"` clears it. " +
                    $"User IDs: 1 to {InputRules.MaxUserIdBytes} UTF-8 bytes without control characters (C0, DEL, C1, U+2028, U+2029); `remark`: at most " +
                    $"{maxRemarkBytes} UTF-8 bytes (`Callback:MaxRemarkBytes`).",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            };
            OpenApiText.DescribeParameter(operation, "command",
                $"`{CallbackCommands.AfterSetFriendRemark}` (or `{CallbackCommands.AfterSetFriendRemarkLegacy}`) and " +
                $"`{CallbackCommands.AfterDeleteFriend}` are acted on; `{CallbackCommands.BeforeSetFriendRemark}` (or " +
                $"`{CallbackCommands.BeforeSetFriendRemarkLegacy}`) is checked against the remark policy when a `Policy:*` rule is on; " +
                "every other command is answered \"continue\" at once.");
            OpenApiText.AddHeaderParameter(operation, OperationIdHeader.Name,
                $"OpenIM's operation ID. A repeat of one of the pair's last {RemarkLimits.RememberedChangesPerFriend} applied changes with the same " +
                $"operationID and remark, within {ReplayWindowText(services)}, is a duplicate. " +
                $"At most {InputRules.MaxOperationIdBytes} UTF-8 bytes without control characters, else errCode {(int)CallbackErrorCode.InvalidOperationId}.");
            OpenApiText.DescribeResponses(operation, new Dictionary<int, string>
            {
                [StatusCodes.Status200OK] =
                    "Stored (or unchanged, or a duplicate), or a command that is not acted on: `actionCode` 0. " +
                    "Before-set-remark: \"continue\", \"continue\" with a rewritten `remark`, or a policy refusal (`nextCode` 1, errCode 22xxx).",
                [StatusCodes.Status400BadRequest] = "Refused as sent (errCode 200xx); nothing was stored.",
                [StatusCodes.Status404NotFound] = "With `Callback:Secret` set: the path does not hold the secret.",
                [StatusCodes.Status500InternalServerError] = "Unexpected failure (errCode 25002); details in the WebFront log.",
                [StatusCodes.Status503ServiceUnavailable] =
                    "Storage or the cluster is unavailable, or did not answer within `Callback:TimeoutSeconds` (errCode 25001). Never a false success.",
            });
        });

    private static string Description()
    {
        var text = new StringBuilder()
            .AppendLine("OpenIM posts every webhook of its shared URL to `{Callback:BasePath}/{command}`; with `Callback:Secret` set the path is ")
            .AppendLine("`{Callback:BasePath}/{secret}/{command}` and any other callback path is 404. OpenIM reads the reply body, never the HTTP status. ")
            .AppendLine("Every code in the reply is a JSON number; `nextCode` is 0 except in a remark policy refusal.")
            .AppendLine()
            .AppendLine("| errCode | HTTP | errMsg |")
            .AppendLine("|---|---|---|");
        foreach (var code in Enum.GetValues<CallbackErrorCode>().Where(code => code != CallbackErrorCode.None))
        {
            text.AppendLine($"| {(int)code} | {HttpStatusOf(code)} | {CallbackErrorMessages.ShortMessage(code)} |");
        }

        text.AppendLine()
            .AppendLine("**Remark policy** (`callbackBeforeSetFriendRemarkCommand`, only when a `Policy:*` rule is on). A refusal is ")
            .AppendLine("`{\"actionCode\":0,\"errCode\":22xxx,\"errMsg\":…,\"errDlt\":…,\"nextCode\":1}` with HTTP 200: OpenIM refuses the ")
            .AppendLine("user's edit and passes errCode, errMsg (written for the end user) and errDlt on. When `Policy:Normalize` changed the ")
            .AppendLine("remark, the \"continue\" reply carries the rewritten `remark`, which OpenIM stores instead. Anything that goes wrong ")
            .AppendLine("(unreadable body, silo unavailable, `Policy:TimeoutMilliseconds` elapsed) answers \"continue\": the policy fails open.")
            .AppendLine()
            .AppendLine("| errCode | HTTP | errMsg |")
            .AppendLine("|---|---|---|");
        foreach (var code in Enum.GetValues<PolicyRefusalCode>())
        {
            text.AppendLine($"| {(int)code} | 200 | {PolicyRefusalMessages.ShortMessage(code)} |");
        }

        return text.ToString();
    }

    /// <summary>
    /// The replay window is a silo setting: its value is known here only when this web front hosts the
    /// silo and sets it in its own configuration.
    /// </summary>
    private static string ReplayWindowText(IServiceProvider services)
    {
        const string Setting = "Remarks:ReplayWindow";
        var configuration = services.GetRequiredService<IConfiguration>();
        return CoHostedSilo.IsEnabled(configuration) && configuration[Setting] is { Length: > 0 } value
            ? $"`{Setting}` ({value})"
            : $"the silos' `{Setting}`";
    }

    private static int HttpStatusOf(CallbackErrorCode code) => code switch
    {
        CallbackErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        CallbackErrorCode.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
