using System.Security.Claims;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Limits;

/// <summary>Who a request counts against: its valid API key, else its client address.</summary>
public static class RateLimitClient
{
    /// <summary>
    /// Only an authenticated key names the client, so inventing keys gives no fresh buckets; the
    /// address is the peer's, or the one a trusted proxy reported (a spoofed header is ignored earlier).
    /// </summary>
    public static string Identify(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiAccessPolicies.ApiKeyScheme } &&
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId)
        {
            return "key:" + keyId;
        }

        var address = context.Connection.RemoteIpAddress;
        return "ip:" + (address is null ? "unknown" : IpNetworkList.Normalize(address).ToString());
    }
}
