using System.Net;
using Microsoft.AspNetCore.Http;

namespace OrleansRemarks.Silo.Operations;

/// <summary>
/// The silo's own small HTTP listener for <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>
/// (section "Silo"). Several silos on one host each need their own port.
/// </summary>
public sealed class SiloHttpOptions
{
    public const string SectionName = "Silo";
    public const string DefaultHttpUrl = "http://127.0.0.1:10080";

    /// <summary>
    /// <c>http://{address}:{port}</c>, where the address is an IP address, <c>localhost</c>, or
    /// <c>*</c>/<c>+</c>/<c>0.0.0.0</c> for every interface (in a container). Port 0 picks a free one.
    /// </summary>
    public string HttpUrl { get; set; } = DefaultHttpUrl;

    public BindingAddress ParsedHttpUrl => BindingAddress.Parse(HttpUrl);

    /// <summary>The problems with <see cref="HttpUrl"/>, each naming the setting; none when it is usable.</summary>
    public IEnumerable<string> Validate(int siloPort, int gatewayPort)
    {
        const string Key = SectionName + ":HttpUrl";
        const string Expected = $"expected http://{{address}}:{{port}} (default {DefaultHttpUrl})";
        BindingAddress address;
        try
        {
            address = ParsedHttpUrl;
        }
        catch (FormatException)
        {
            return [$"{Key} '{HttpUrl}' is not a URL: {Expected}"];
        }

        if (address.Scheme != "http" || address.IsUnixPipe || address.PathBase.Length > 0 || !IsListenableHost(address.Host))
        {
            return [$"{Key} '{HttpUrl}' is not usable: {Expected}, with an IP address, localhost, * or + and no path; HTTPS is not served"];
        }

        if (address.Port is < 0 or > IPEndPoint.MaxPort)
        {
            return [$"{Key} port must be 0-65535, not {address.Port}"];
        }

        return address.Port == siloPort || address.Port == gatewayPort
            ? [$"{Key} port {address.Port} is also the silo or gateway port (Orleans:Endpoints); give it its own"]
            : [];
    }

    /// <summary>The address a listener binds for <paramref name="host"/>, as Kestrel does.</summary>
    public static IPAddress ListenAddressOf(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ => IPAddress.Parse(host.Trim('[', ']')),
    };

    private static bool IsListenableHost(string host) =>
        host is "localhost" or "*" or "+" || IPAddress.TryParse(host.Trim('[', ']'), out _);
}
