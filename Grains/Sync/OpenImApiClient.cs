using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRemarks.Grains.Sync;

/// <summary>
/// OpenIM's REST API, as far as reconciliation reads it: every call is a POST with headers
/// <c>operationID</c> and (but for the admin token) <c>token</c>, answered with
/// <c>{"errCode","errMsg","errDlt","data"}</c>. Transport failures, HTTP 429/5xx and OpenIM's small
/// transport errCodes are retried by the resilience handler (<see cref="OpenImSyncRegistration"/>);
/// an expired or unknown token is refreshed once here. Anything else, including a reply that does
/// not parse, is an <see cref="OpenImApiException"/>: never an empty answer.
/// </summary>
public sealed class OpenImApiClient(HttpClient http, IOpenImTokenSource tokens, SyncMetrics metrics)
{
    /// <summary>OpenIM caps array parameters (e.g. <c>friendUserIDs</c>) at this many entries.</summary>
    public const int MaxIdsPerCall = 1000;

    public const string AdminTokenPath = "auth/get_admin_token";
    public const string IncrementalFriendsPath = "friend/get_incremental_friends";
    public const string FullFriendIdsPath = "friend/get_full_friend_user_ids";
    public const string DesignatedFriendsPath = "friend/get_designated_friends";
    public const string AllUsersPath = "user/get_all_users_uid";

    /// <summary>OpenIM's "record not found"; get_designated_friends answers it when an asked ID is no friend.</summary>
    public const int RecordNotFound = 1004;

    private static readonly int[] TokenErrCodes = [1501, 1505, 1507];

    public async Task<AdminToken> GetAdminTokenAsync(string secret, string adminUserId, CancellationToken cancellationToken)
    {
        var data = await PostAsync(AdminTokenPath, new AdminTokenRequest(secret, adminUserId), OpenImJsonContext.Default.AdminTokenRequest,
            OpenImJsonContext.Default.OpenImReplyAdminToken, token: null, cancellationToken);
        if (string.IsNullOrEmpty(data?.Token) || data.ExpireTimeSeconds <= 0)
        {
            throw Malformed(AdminTokenPath, "no token or no expiry in the reply");
        }

        return data;
    }

    public async Task<IncrementalFriends> GetIncrementalFriendsAsync(string ownerUserId, string versionId, long version, CancellationToken cancellationToken)
    {
        var data = await CallWithTokenAsync(IncrementalFriendsPath, new IncrementalFriendsRequest(ownerUserId, versionId, version),
            OpenImJsonContext.Default.IncrementalFriendsRequest, OpenImJsonContext.Default.OpenImReplyIncrementalFriends, cancellationToken)
            ?? throw Malformed(IncrementalFriendsPath, "no data");
        if (string.IsNullOrEmpty(data.VersionId) && !data.Full)
        {
            throw Malformed(IncrementalFriendsPath, "no versionID");
        }

        foreach (var friend in (data.Insert ?? []).Concat(data.Update ?? []))
        {
            CheckFriend(IncrementalFriendsPath, friend);
        }

        if ((data.Delete ?? []).Any(string.IsNullOrEmpty))
        {
            throw Malformed(IncrementalFriendsPath, "an empty user ID in delete");
        }

        return data;
    }

    public async Task<FullFriendIds> GetFullFriendUserIdsAsync(string ownerUserId, CancellationToken cancellationToken)
    {
        var data = await CallWithTokenAsync(FullFriendIdsPath, new FullFriendIdsRequest(0, ownerUserId),
            OpenImJsonContext.Default.FullFriendIdsRequest, OpenImJsonContext.Default.OpenImReplyFullFriendIds, cancellationToken)
            ?? throw Malformed(FullFriendIdsPath, "no data");
        if (string.IsNullOrEmpty(data.VersionId) || (data.UserIds ?? []).Any(string.IsNullOrEmpty))
        {
            throw Malformed(FullFriendIdsPath, "no versionID, or an empty user ID");
        }

        return data;
    }

    /// <summary>
    /// The friends among <paramref name="friendUserIds"/> (at most <see cref="MaxIdsPerCall"/>, no duplicates).
    /// Depending on OpenIM's version, non-friends are left out or the call fails with errCode 1004.
    /// </summary>
    public async Task<IReadOnlyList<FriendInfo>> GetDesignatedFriendsAsync(string ownerUserId, IReadOnlyList<string> friendUserIds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(friendUserIds.Count, MaxIdsPerCall);
        var data = await CallWithTokenAsync(DesignatedFriendsPath, new DesignatedFriendsRequest(ownerUserId, friendUserIds),
            OpenImJsonContext.Default.DesignatedFriendsRequest, OpenImJsonContext.Default.OpenImReplyDesignatedFriends, cancellationToken)
            ?? throw Malformed(DesignatedFriendsPath, "no data");
        var friends = data.FriendsInfo ?? [];
        foreach (var friend in friends)
        {
            CheckFriend(DesignatedFriendsPath, friend);
        }

        return friends;
    }

    public async Task<AllUserIds> GetAllUserIdsAsync(int pageNumber, int showNumber, CancellationToken cancellationToken)
    {
        var data = await CallWithTokenAsync(AllUsersPath, new AllUsersRequest(new Pagination(pageNumber, showNumber)),
            OpenImJsonContext.Default.AllUsersRequest, OpenImJsonContext.Default.OpenImReplyAllUserIds, cancellationToken)
            ?? throw Malformed(AllUsersPath, "no data");
        if (data.Total < 0 || (data.UserIds ?? []).Any(string.IsNullOrEmpty))
        {
            throw Malformed(AllUsersPath, "a negative total or an empty user ID");
        }

        return data;
    }

    private async Task<TData?> CallWithTokenAsync<TRequest, TData>(
        string path, TRequest body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<OpenImReply<TData>> replyType, CancellationToken cancellationToken)
        where TData : class
    {
        var token = await tokens.GetAsync(cancellationToken);
        try
        {
            return await PostAsync(path, body, requestType, replyType, token, cancellationToken);
        }
        catch (OpenImApiException rejected) when (TokenErrCodes.Contains(rejected.ErrCode))
        {
            // Expired, unknown, or ended by a newer login of the admin: refresh once and try again.
            token = await tokens.RefreshAsync(token, cancellationToken);
            return await PostAsync(path, body, requestType, replyType, token, cancellationToken);
        }
    }

    private async Task<TData?> PostAsync<TRequest, TData>(
        string path, TRequest body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<OpenImReply<TData>> replyType, string? token, CancellationToken cancellationToken)
        where TData : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("operationID", "orleansremarks-sync-" + Guid.NewGuid().ToString("N"));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("token", token);
        }

        OpenImReply<TData>? reply;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new OpenImApiException(path, (int)response.StatusCode, $"OpenIM answered HTTP {(int)response.StatusCode} to {path}.");
            }

            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            reply = JsonSerializer.Deserialize(payload, replyType);
        }
        catch (JsonException invalid)
        {
            metrics.RecordOpenImRequest(path, "malformed");
            throw Malformed(path, invalid.Message);
        }
        catch (OpenImApiException)
        {
            metrics.RecordOpenImRequest(path, "error");
            throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.RecordOpenImRequest(path, "unavailable");
            throw new OpenImApiException(path, 0, $"OpenIM did not answer {path}: {failure.GetType().Name}: {failure.Message}", failure);
        }

        if (reply is null)
        {
            metrics.RecordOpenImRequest(path, "malformed");
            throw Malformed(path, "the reply is null");
        }

        if (reply.ErrCode != 0)
        {
            metrics.RecordOpenImRequest(path, TokenErrCodes.Contains(reply.ErrCode) ? "token" : "error");
            throw new OpenImApiException(path, reply.ErrCode, $"OpenIM answered {path} with errCode {reply.ErrCode}: {reply.ErrMsg} {reply.ErrDlt}".TrimEnd());
        }

        metrics.RecordOpenImRequest(path, "ok");
        return reply.Data;
    }

    private static void CheckFriend(string path, FriendInfo friend)
    {
        if (string.IsNullOrEmpty(friend.FriendUser?.UserId) || friend.Remark is null)
        {
            throw Malformed(path, "a friend without friendUser.userID or remark");
        }
    }

    private static OpenImApiException Malformed(string path, string why) =>
        new(path, OpenImApiException.MalformedReply, $"OpenIM's reply to {path} is not what its API returns ({why}); nothing is changed because of it.");
}

/// <summary>OpenIM refused a call, did not answer, or answered something that does not parse.</summary>
public sealed class OpenImApiException(string endpoint, int errCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Our code for a reply that does not parse as OpenIM's API (never an OpenIM errCode).</summary>
    public const int MalformedReply = -1;

    public string Endpoint { get; } = endpoint;

    /// <summary>OpenIM's errCode; an HTTP status when OpenIM answered one other than 200; 0 when it did not answer.</summary>
    public int ErrCode { get; } = errCode;
}

public sealed record OpenImReply<T>(
    [property: JsonPropertyName("errCode"), JsonRequired] int ErrCode,
    [property: JsonPropertyName("errMsg")] string? ErrMsg,
    [property: JsonPropertyName("errDlt")] string? ErrDlt,
    [property: JsonPropertyName("data")] T? Data)
    where T : class;

public sealed record AdminTokenRequest(
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("userID")] string UserId);

public sealed record AdminToken(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("expireTimeSeconds")] long ExpireTimeSeconds);

public sealed record IncrementalFriendsRequest(
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("versionID")] string VersionId,
    [property: JsonPropertyName("version")] long Version);

public sealed record IncrementalFriends(
    [property: JsonPropertyName("version"), JsonRequired] long Version,
    [property: JsonPropertyName("versionID")] string? VersionId,
    [property: JsonPropertyName("full"), JsonRequired] bool Full,
    [property: JsonPropertyName("delete")] IReadOnlyList<string>? Delete,
    [property: JsonPropertyName("insert")] IReadOnlyList<FriendInfo>? Insert,
    [property: JsonPropertyName("update")] IReadOnlyList<FriendInfo>? Update);

public sealed record FullFriendIdsRequest(
    [property: JsonPropertyName("idHash")] ulong IdHash,
    [property: JsonPropertyName("userID")] string UserId);

public sealed record FullFriendIds(
    [property: JsonPropertyName("version"), JsonRequired] long Version,
    [property: JsonPropertyName("versionID")] string? VersionId,
    [property: JsonPropertyName("equal")] bool Equal,
    [property: JsonPropertyName("userIDs")] IReadOnlyList<string>? UserIds);

public sealed record DesignatedFriendsRequest(
    [property: JsonPropertyName("ownerUserID")] string OwnerUserId,
    [property: JsonPropertyName("friendUserIDs")] IReadOnlyList<string> FriendUserIds);

public sealed record DesignatedFriends(
    [property: JsonPropertyName("friendsInfo")] IReadOnlyList<FriendInfo>? FriendsInfo);

public sealed record FriendInfo(
    [property: JsonPropertyName("ownerUserID")] string? OwnerUserId,
    [property: JsonPropertyName("remark")] string? Remark,
    [property: JsonPropertyName("friendUser")] FriendUser? FriendUser);

public sealed record FriendUser(
    [property: JsonPropertyName("userID")] string? UserId);

public sealed record Pagination(
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("showNumber")] int ShowNumber);

public sealed record AllUsersRequest(
    [property: JsonPropertyName("pagination")] Pagination Pagination);

public sealed record AllUserIds(
    [property: JsonPropertyName("total"), JsonRequired] long Total,
    [property: JsonPropertyName("userIDs")] IReadOnlyList<string>? UserIds);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AdminTokenRequest))]
[JsonSerializable(typeof(OpenImReply<AdminToken>))]
[JsonSerializable(typeof(IncrementalFriendsRequest))]
[JsonSerializable(typeof(OpenImReply<IncrementalFriends>))]
[JsonSerializable(typeof(FullFriendIdsRequest))]
[JsonSerializable(typeof(OpenImReply<FullFriendIds>))]
[JsonSerializable(typeof(DesignatedFriendsRequest))]
[JsonSerializable(typeof(OpenImReply<DesignatedFriends>))]
[JsonSerializable(typeof(AllUsersRequest))]
[JsonSerializable(typeof(OpenImReply<AllUserIds>))]
internal sealed partial class OpenImJsonContext : JsonSerializerContext;
