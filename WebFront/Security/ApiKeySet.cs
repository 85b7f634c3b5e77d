using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

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
