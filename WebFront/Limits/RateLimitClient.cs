using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Limits;

/// <summary>Who a request counts against: its valid API key, else its client address (IPv6: its /64).</summary>
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
        return "ip:" + (address is null ? "unknown" : PartitionOf(IpNetworkList.Normalize(address)));
    }

    /// <summary>
    /// An IPv4 address is itself; an IPv6 address stands for its /64, the smallest network a site is
    /// given (a host picks any address in it at will, so per address a client could have 2^64 buckets).
    /// </summary>
    private static string PartitionOf(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
