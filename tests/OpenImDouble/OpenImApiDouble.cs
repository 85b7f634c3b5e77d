using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansRemarks.OpenImDouble;

/// <summary>
/// OpenIM's REST API as far as reconciliation uses it, served over real HTTP on 127.0.0.1: admin
/// tokens (expiry, and a newer token for an admin ending the older ones after a delay), users, and
/// per-owner friends with OpenIM's version log (<c>get_incremental_friends</c>, with <c>full=true</c>
/// for version 0, an unknown versionID, or more than 200 changed friends). Faults are switched on by
/// the test: down (HTTP 503), garbage replies, forced re-baselines, expired tokens.
/// </summary>
public sealed class OpenImApiDouble : IAsyncDisposable
{
    public const string DefaultSecret = "openim-double-secret";
    public const string DefaultAdmin = "imAdmin";
    public const int MaxChangesForIncremental = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, OwnerLog> _owners = new(StringComparer.Ordinal);
    private readonly List<string> _users = [];
    private readonly HashSet<string> _userSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _tokenCount;

    private OpenImApiDouble(WebApplication app, string secret, IReadOnlyCollection<string> admins)
    {
        _app = app;
        Secret = secret;
        Admins = admins;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string Secret { get; }

    public IReadOnlyCollection<string> Admins { get; }

    /// <summary>Answer every call with HTTP 503 (OpenIM down or restarting).</summary>
    public bool Down { get; set; }

    /// <summary>Answer every friend call with HTTP 200 and a truncated JSON body.</summary>
    public bool Garbage { get; set; }

    /// <summary>Owners whose friend calls are answered with a truncated JSON body, as <see cref="Garbage"/> does for all.</summary>
    public ConcurrentDictionary<string, bool> GarbageOwners { get; } = new(StringComparer.Ordinal);

    /// <summary>Answer every get_incremental_friends with full=true.</summary>
    public bool ForceFull { get; set; }

    /// <summary>get_designated_friends answers errCode 1004 when an asked ID is no friend (current OpenIM), instead of leaving it out.</summary>
    public bool DesignatedNonFriendIsError { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long an older token of an admin lives on after a newer one is issued (5 minutes on current OpenIM).</summary>
    public TimeSpan OlderTokenGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Admin tokens issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref _tokenCount);

    public static async Task<OpenImApiDouble> StartAsync(string secret = DefaultSecret, params string[] admins)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var openIm = new OpenImApiDouble(app, secret, admins.Length > 0 ? admins : [DefaultAdmin]);
        app.MapPost("/{**path}", openIm.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        openIm.BaseAddress = new Uri(address);
        return openIm;
    }

    /// <summary>Calls made to an endpoint (e.g. "/friend/get_incremental_friends").</summary>
    public int Calls(string path) => _calls.GetValueOrDefault(path);

    public int TotalCalls => _calls.Values.Sum();

    public void ResetCalls() => _calls.Clear();

    /// <summary>Every issued token now answers errCode 1501 (expired).</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Values)
            {
                token.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            }
        }
    }

    public void RegisterUser(string userId)
    {
        lock (_gate)
        {
            if (_userSet.Add(userId))
            {
                _users.Add(userId);
            }
        }
    }

    /// <summary>Makes two users friends (both directions; no remark), as add_friend + agree would.</summary>
    public void AddFriend(string ownerUserId, string friendUserId)
    {
        lock (_gate)
        {
            RegisterUser(ownerUserId);
            RegisterUser(friendUserId);
            Log(ownerUserId).Write(friendUserId, "", inserting: true);
            Log(friendUserId).Write(ownerUserId, "", inserting: true);
        }
    }

    /// <summary>/friend/set_friend_remark (fires the after-set-remark callback) or /friend/update_friends (fires none): the stored data is the same.</summary>
    public bool SetRemark(string ownerUserId, string friendUserId, string remark)
    {
        lock (_gate)
        {
            var log = Log(ownerUserId);
            if (!log.Friends.ContainsKey(friendUserId))
            {
                return false;
            }

            log.Write(friendUserId, remark, inserting: false);
            return true;
        }
    }

    /// <summary>Changes a remark without its version-log entry: OpenIM writes the two one after the other, and can stop in between.</summary>
    public void SetRemarkWithoutLogEntry(string ownerUserId, string friendUserId, string remark)
    {
        lock (_gate)
        {
            Log(ownerUserId).Friends[friendUserId] = remark;
        }
    }

    /// <summary>Deletes the owner's friend (one direction, as /friend/delete_friend does).</summary>
    public bool DeleteFriend(string ownerUserId, string friendUserId)
    {
        lock (_gate)
        {
            return Log(ownerUserId).Delete(friendUserId);
        }
    }

    /// <summary>The owner's friends and their remarks ("" for none), as OpenIM holds them.</summary>
    public IReadOnlyDictionary<string, string> FriendsOf(string ownerUserId)
    {
        lock (_gate)
        {
            return _owners.TryGetValue(ownerUserId, out var log)
                ? new Dictionary<string, string>(log.Friends, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> Users()
    {
        lock (_gate)
        {
            return [.. _users];
        }
    }

    /// <summary>Starts the owner's version log anew (a new versionID), as OpenIM does after a log reset.</summary>
    public void ResetVersionLog(string ownerUserId)
    {
        lock (_gate)
        {
            Log(ownerUserId).Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private OwnerLog Log(string ownerUserId)
    {
        if (!_owners.TryGetValue(ownerUserId, out var log))
        {
            log = new OwnerLog();
            _owners[ownerUserId] = log;
        }

        return log;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _calls.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonNode>(context.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var reply = Answer(path, context.Request.Headers, body);
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/json";
        var json = reply.ToJsonString();
        var owner = (string?)body?["userID"] ?? (string?)body?["ownerUserID"];
        if ((Garbage || (owner is not null && GarbageOwners.ContainsKey(owner))) && path.StartsWith("/friend/", StringComparison.Ordinal))
        {
            json = json[..(json.Length / 2)];
        }

        await context.Response.WriteAsync(json);
    }

    private JsonObject Answer(string path, IHeaderDictionary headers, JsonObject? body)
    {
        if (string.IsNullOrEmpty(headers["operationID"].ToString()))
        {
            return Error(1001, "ArgsError", "header operationID is required");
        }

        if (body is null)
        {
            return Error(1001, "ArgsError", "body is not a JSON object");
        }

        if (path == "/auth/get_admin_token")
        {
            return IssueToken(body);
        }

        if (TokenError(headers["token"].ToString()) is { } tokenError)
        {
            return tokenError;
        }

        lock (_gate)
        {
            return path switch
            {
                "/user/get_all_users_uid" => AllUsers(body),
                "/friend/get_incremental_friends" => Incremental(body),
                "/friend/get_full_friend_user_ids" => FullIds(body),
                "/friend/get_designated_friends" => Designated(body),
                _ => Error(404, "RecordNotFound", "no such route: " + path),
            };
        }
    }

    private JsonObject IssueToken(JsonObject body)
    {
        var secret = (string?)body["secret"];
        var userId = (string?)body["userID"];
        if (secret != Secret)
        {
            return Error(1002, "NoPermissionError", "secret invalid");
        }

        if (userId is null || !Admins.Contains(userId))
        {
            return Error(1001, "ArgsError", "not an admin user ID");
        }

        var now = DateTimeOffset.UtcNow;
        var token = "token-" + Interlocked.Increment(ref _tokenCount) + "-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            foreach (var older in _tokens.Values.Where(t => t.UserId == userId && t.KilledAt is null))
            {
                older.KilledAt = now + OlderTokenGrace;
            }

            _tokens[token] = new IssuedToken(userId) { ExpiresAt = now + TokenLifetime };
        }

        return Ok(new JsonObject { ["token"] = token, ["expireTimeSeconds"] = (long)TokenLifetime.TotalSeconds });
    }

    private JsonObject? TokenError(string token)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(token) || !_tokens.TryGetValue(token, out var issued))
            {
                return Error(1507, "TokenNotExistError", "token not found");
            }

            var now = DateTimeOffset.UtcNow;
            if (issued.KilledAt is { } killed && now >= killed)
            {
                return Error(1507, "TokenNotExistError", "token ended by a newer login");
            }

            return now >= issued.ExpiresAt ? Error(1501, "TokenExpiredError", "token expired") : null;
        }
    }

    private JsonObject AllUsers(JsonObject body)
    {
        var pageNumber = (int?)body["pagination"]?["pageNumber"] ?? 0;
        var showNumber = (int?)body["pagination"]?["showNumber"] ?? 0;
        if (pageNumber < 1 || showNumber < 1)
        {
            return Error(1001, "ArgsError", "pagination is required");
        }

        var page = _users.Skip((pageNumber - 1) * showNumber).Take(showNumber).ToList();
        return Ok(new JsonObject { ["total"] = _users.Count, ["userIDs"] = page.Count == 0 ? null : Strings(page) });
    }

    private JsonObject Incremental(JsonObject body)
    {
        var owner = (string?)body["userID"];
        if (string.IsNullOrEmpty(owner))
        {
            return Error(1001, "ArgsError", "userID is required");
        }

        var versionId = (string?)body["versionID"] ?? "";
        var version = (long?)body["version"] ?? 0;
        var log = Log(owner);
        var changed = log.Entries.Where(entry => entry.Value.Version > version).ToList();
        var full = ForceFull || version == 0 || versionId != log.VersionId || version > log.Version || changed.Count > MaxChangesForIncremental;
        var data = new JsonObject
        {
            ["version"] = log.Version,
            ["versionID"] = log.VersionId,
            ["full"] = full,
            ["sortVersion"] = 0,
        };
        if (full)
        {
            data["delete"] = null;
            data["insert"] = null;
            data["update"] = null;
            return Ok(data);
        }

        var deletes = changed.Where(entry => entry.Value.Deleted).Select(entry => entry.Key).ToList();
        var inserts = changed.Where(entry => !entry.Value.Deleted && entry.Value.CreatedVersion > version).Select(entry => Friend(owner, entry.Key, log.Friends[entry.Key])).ToList();
        var updates = changed.Where(entry => !entry.Value.Deleted && entry.Value.CreatedVersion <= version).Select(entry => Friend(owner, entry.Key, log.Friends[entry.Key])).ToList();
        data["delete"] = deletes.Count == 0 ? null : Strings(deletes);
        data["insert"] = inserts.Count == 0 ? null : new JsonArray([.. inserts]);
        data["update"] = updates.Count == 0 ? null : new JsonArray([.. updates]);
        return Ok(data);
    }

    private JsonObject FullIds(JsonObject body)
    {
        var owner = (string?)body["userID"];
        if (string.IsNullOrEmpty(owner))
        {
            return Error(1001, "ArgsError", "userID is required");
        }

        var log = Log(owner);
        var ids = log.Friends.Keys.ToList();
        return Ok(new JsonObject
        {
            ["version"] = log.Version,
            ["versionID"] = log.VersionId,
            ["equal"] = false,
            ["userIDs"] = ids.Count == 0 ? null : Strings(ids),
        });
    }

    private JsonObject Designated(JsonObject body)
    {
        var owner = (string?)body["ownerUserID"];
        var ids = body["friendUserIDs"]?.AsArray().Select(node => (string?)node ?? "").ToList();
        if (string.IsNullOrEmpty(owner) || ids is null || ids.Count == 0)
        {
            return Error(1001, "ArgsError", "ownerUserID and friendUserIDs are required");
        }

        if (ids.Count > 1000 || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            return Error(1001, "ArgsError", "friendUserIDs: at most 1000, no duplicates");
        }

        var log = Log(owner);
        if (DesignatedNonFriendIsError && !ids.All(log.Friends.ContainsKey))
        {
            return Error(1004, "RecordNotFoundError", "a friend was not found");
        }

        var friends = ids.Where(log.Friends.ContainsKey).Select(id => Friend(owner, id, log.Friends[id])).ToList();
        return Ok(new JsonObject { ["friendsInfo"] = friends.Count == 0 ? null : new JsonArray([.. friends]) });
    }

    private static JsonNode Friend(string owner, string friend, string remark) => new JsonObject
    {
        ["ownerUserID"] = owner,
        ["remark"] = remark,
        ["createTime"] = 1_700_000_000,
        ["friendUser"] = new JsonObject { ["userID"] = friend, ["nickname"] = "nick-" + friend, ["faceURL"] = "" },
        ["addSource"] = 1,
        ["operatorUserID"] = owner,
        ["ex"] = "",
        ["isPinned"] = false,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode)JsonValue.Create(value))]);

    private static JsonObject Ok(JsonObject data) => new() { ["errCode"] = 0, ["errMsg"] = "", ["errDlt"] = "", ["data"] = data };

    private static JsonObject Error(int code, string message, string detail) => new() { ["errCode"] = code, ["errMsg"] = message, ["errDlt"] = detail };

    private sealed class IssuedToken(string userId)
    {
        public string UserId { get; } = userId;

        public DateTimeOffset ExpiresAt { get; set; }

        public DateTimeOffset? KilledAt { get; set; }
    }

    /// <summary>One owner's friends and version log: version grows by one per write; the log keeps the latest entry per friend.</summary>
    private sealed class OwnerLog
    {
        public string VersionId { get; private set; } = Guid.NewGuid().ToString("N");

        public long Version { get; private set; }

        public Dictionary<string, string> Friends { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public void Write(string friend, string remark, bool inserting)
        {
            var exists = Friends.ContainsKey(friend);
            if (inserting && exists)
            {
                return;
            }

            Version++;
            var created = exists ? Entries[friend].CreatedVersion : Version;
            Friends[friend] = remark;
            Entries[friend] = new Entry(Version, Deleted: false, created);
        }

        public bool Delete(string friend)
        {
            if (!Friends.Remove(friend))
            {
                return false;
            }

            Version++;
            Entries[friend] = new Entry(Version, Deleted: true, 0);
            return true;
        }

        public void Reset()
        {
            VersionId = Guid.NewGuid().ToString("N");
            Version = 1;
            Entries.Clear();
        }
    }

    private sealed record Entry(long Version, bool Deleted, long CreatedVersion);
}
