using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>Names of the authentication schemes and authorization policies of the web front.</summary>
public static class ApiAccessPolicies
{
    /// <summary>Query API clients: <c>Authorization: Bearer &lt;key&gt;</c> only.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Dashboard operators: Bearer, or HTTP Basic with the key as password so a browser can prompt.</summary>
    public const string OperatorScheme = "Operator";

    public const string QueryApi = "QueryApi";

    public const string Operator = "Operator";

    public const string ApiKeyChallenge = "Bearer realm=\"OrleansRemarks\"";

    public const string OperatorChallenge = "Basic realm=\"OrleansRemarks dashboard\", charset=\"UTF-8\"";
}

/// <summary>
/// Authenticates a request by the API key in its <c>Authorization</c> header. The user is named after
/// the key's position (<see cref="ApiKeySet.ClientId"/>), never after the key. The query API's scheme
/// checks <c>Api:Keys</c>, the dashboard's <c>Dashboard:Keys</c> (else <c>Api:Keys</c>). With no keys
/// configured nobody is authenticated.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeySet apiKeys, OperatorKeySet operatorKeys)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = Options.ForOperators ? operatorKeys.Keys : apiKeys;
        var header = Request.Headers.Authorization.ToString();
        if (!keys.IsEnabled || header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeyCredentials.TryRead(header, Options.AcceptBasic, out var key))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header does not carry an API key in an accepted form."));
        }

        var index = keys.IndexOf(key);
        if (index < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail(Options.ForOperators ? "The key is not one of the dashboard's keys." : "The API key is not one of Api:Keys."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, keys.ClientId(index))], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Options.Challenge;
        return Task.CompletedTask;
    }
}

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Check the dashboard's keys (<see cref="OperatorKeySet"/>) instead of the query API's.</summary>
    public bool ForOperators { get; set; }

    /// <summary>Also accept HTTP Basic with the key as the password (for browsers).</summary>
    public bool AcceptBasic { get; set; }

    /// <summary>The <c>WWW-Authenticate</c> value of a 401 answer.</summary>
    public string Challenge { get; set; } = "Bearer";
}

/// <summary>Reads the API key out of an <c>Authorization</c> header value.</summary>
public static class ApiKeyCredentials
{
    private const string Bearer = "Bearer ";
    private const string Basic = "Basic ";

    /// <summary>
    /// <c>Bearer &lt;key&gt;</c>, or with <paramref name="acceptBasic"/> also <c>Basic base64(user:key)</c>
    /// (any user name; the key is the password), which is what a browser sends after its login prompt.
    /// </summary>
    public static bool TryRead(string header, bool acceptBasic, out string key)
    {
        key = "";
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            key = header[Bearer.Length..].Trim();
            return key.Length > 0;
        }

        if (!acceptBasic || !header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header[Basic.Length..].Trim();
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return false;
        }

        var userAndPassword = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = userAndPassword.IndexOf(':', StringComparison.Ordinal);
        key = colon < 0 ? "" : userAndPassword[(colon + 1)..];
        return key.Length > 0;
    }
}

/// <summary>
/// The configured API keys, kept only as SHA-256 digests. A candidate is hashed and compared with
/// every key in constant time, so neither a key's length nor the position of a difference nor which
/// key matched shows in the timing. Keys are never logged.
/// </summary>
public sealed class ApiKeySet(IEnumerable<string> keys, string clientIdPrefix)
{
    private readonly byte[][] _digests = keys.Select(SecretDigest.Of).ToArray();

    public bool IsEnabled => _digests.Length > 0;

    /// <summary>The query API's keys, <c>Api:Keys</c>.</summary>
    public static ApiKeySet ForQueryApi(IOptions<ApiAccessOptions> api) => new(api.Value.Keys, "api-key-");

    /// <summary>The dashboard's keys: <c>Dashboard:Keys</c>, else <c>Api:Keys</c>.</summary>
    public static ApiKeySet ForOperators(IOptions<DashboardAccessOptions> dashboard, IOptions<ApiAccessOptions> api) =>
        dashboard.Value.Keys.Length > 0 ? new(dashboard.Value.Keys, "dashboard-key-") : ForQueryApi(api);

    /// <summary>A stable, non-secret name for a key: <c>api-key-0</c> for <c>Api:Keys:0</c>, <c>dashboard-key-0</c> for <c>Dashboard:Keys:0</c>.</summary>
    public string ClientId(int index) => clientIdPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The position of the matching key, or -1.</summary>
    public int IndexOf(string candidate)
    {
        var digest = SecretDigest.Of(candidate);
        var found = -1;
        for (var index = 0; index < _digests.Length; index++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(digest, _digests[index]);
            found = equal ? index : found;
        }

        return found;
    }
}

/// <summary>The keys that open the dashboard: <c>Dashboard:Keys</c>, else <c>Api:Keys</c>.</summary>
public sealed class OperatorKeySet(IOptions<DashboardAccessOptions> dashboard, IOptions<ApiAccessOptions> api)
{
    public ApiKeySet Keys { get; } = ApiKeySet.ForOperators(dashboard, api);
}

/// <summary>
/// The SHA-256 of a secret's UTF-8 bytes. Secrets are compared as digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither their length nor the position of a
/// difference shows in the timing.
/// </summary>
public static class SecretDigest
{
    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
