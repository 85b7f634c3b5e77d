using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using OrleansRemarks.WebFront.Input;
using OrleansRemarks.WebFront.Json;

namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>
/// Validates a friend callback body exactly as Go's encoding/json writes it: UTF-8 JSON, maybe a
/// trailing newline, <c>\u003c</c>-style escapes and fields this service does not know.
/// </summary>
public static class FriendCallbackParser
{
    public static bool TryParse(
        ReadOnlySpan<byte> body,
        string pathCommand,
        bool remarkRequired,
        int maxRemarkBytes,
        [NotNullWhen(true)] out FriendCallback? callback,
        [NotNullWhen(false)] out CallbackRejection? rejection)
    {
        callback = null;
        body = WithoutByteOrderMark(body);
        if (!IsWellFormedJson(body, out var syntaxProblem))
        {
            rejection = new CallbackRejection(CallbackErrorCode.BodyNotJson, syntaxProblem);
            return false;
        }

        if (!TryDeserialize(body, out var parsed, out rejection))
        {
            return false;
        }

        rejection = Validate(parsed, pathCommand, remarkRequired, maxRemarkBytes);
        if (rejection is not null)
        {
            return false;
        }

        callback = new FriendCallback(parsed.OwnerUserId!, parsed.FriendUserId!, parsed.Remark);
        return true;
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static bool IsWellFormedJson(ReadOnlySpan<byte> body, out string problem)
    {
        problem = "";
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            problem = "The body is empty; expected a JSON object.";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                // Read() checks the structure; this checks the text inside strings (UTF-8, escapes).
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !HasValidText(ref reader))
                {
                    throw new JsonException($"The string at byte {reader.TokenStartIndex} is not valid UTF-8.");
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problem = "The body is not well-formed UTF-8 JSON: " + exception.Message;
            return false;
        }
    }

    /// <summary>Decodes only escaped strings (Go escapes little: &lt;, &gt;, &amp;); the rest is checked in place.</summary>
    private static bool HasValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        _ = reader.GetString(); // throws on text that does not decode
        return true;
    }

    private static bool TryDeserialize(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out FriendCallbackBody? parsed,
        [NotNullWhen(false)] out CallbackRejection? rejection)
    {
        try
        {
            parsed = JsonSerializer.Deserialize(body, WebFrontJsonContext.Default.FriendCallbackBody);
        }
        catch (JsonException exception)
        {
            parsed = null;
            rejection = new CallbackRejection(
                CallbackErrorCode.WrongFieldType,
                $"Expected a JSON object whose callbackCommand, ownerUserID, friendUserID and remark are strings; " +
                $"the value at {exception.Path ?? "$"} is not.");
            return false;
        }

        if (parsed is null)
        {
            rejection = new CallbackRejection(CallbackErrorCode.WrongFieldType, "The body is JSON null; expected a JSON object.");
            return false;
        }

        rejection = null;
        return true;
    }

    private static CallbackRejection? Validate(FriendCallbackBody body, string pathCommand, bool remarkRequired, int maxRemarkBytes)
    {
        if (body.CallbackCommand is null)
        {
            return new CallbackRejection(CallbackErrorCode.CommandMismatch, $"callbackCommand is missing; the path says \"{pathCommand}\".");
        }

        if (!string.Equals(body.CallbackCommand, pathCommand, StringComparison.Ordinal))
        {
            return new CallbackRejection(
                CallbackErrorCode.CommandMismatch,
                $"callbackCommand \"{body.CallbackCommand}\" differs from the path's command \"{pathCommand}\".");
        }

        if (string.IsNullOrEmpty(body.OwnerUserId))
        {
            return new CallbackRejection(CallbackErrorCode.MissingOwnerUserId, "ownerUserID must be a non-empty string.");
        }

        if (InputRules.UserIdProblem(body.OwnerUserId) is { } ownerProblem)
        {
            return new CallbackRejection(CallbackErrorCode.InvalidOwnerUserId, "ownerUserID " + ownerProblem);
        }

        if (string.IsNullOrEmpty(body.FriendUserId))
        {
            return new CallbackRejection(CallbackErrorCode.MissingFriendUserId, "friendUserID must be a non-empty string.");
        }

        if (InputRules.UserIdProblem(body.FriendUserId) is { } friendProblem)
        {
            return new CallbackRejection(CallbackErrorCode.InvalidFriendUserId, "friendUserID " + friendProblem);
        }

        if (remarkRequired && body.Remark is null)
        {
            return new CallbackRejection(
                CallbackErrorCode.MissingRemark,
                "remark must be a string (\"\" clears the remark); OpenIM always sends it.");
        }

        if (remarkRequired && body.Remark is not null && Encoding.UTF8.GetByteCount(body.Remark) is var remarkBytes && remarkBytes > maxRemarkBytes)
        {
            return new CallbackRejection(
                CallbackErrorCode.RemarkTooLong,
                $"remark is {remarkBytes} UTF-8 bytes long; at most {maxRemarkBytes} are allowed (Callback:MaxRemarkBytes).");
        }

        return null;
    }
}

/// <summary>
/// The body of OpenIM's friend callbacks as it arrives (after-set-remark adds <c>remark</c>); every
/// field may be absent, so validation can say which one is. Unknown fields are ignored.
/// </summary>
public sealed record FriendCallbackBody(
    [property: JsonPropertyName("callbackCommand")] string? CallbackCommand,
    [property: JsonPropertyName("ownerUserID")] string? OwnerUserId,
    [property: JsonPropertyName("friendUserID")] string? FriendUserId,
    [property: JsonPropertyName("remark")] string? Remark);

/// <summary>A validated friend callback. <paramref name="Remark"/> is null only for after-delete-friend.</summary>
public sealed record FriendCallback(string OwnerUserId, string FriendUserId, string? Remark);
