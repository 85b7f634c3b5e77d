using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansRemarks.Silo.Configuration;

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

    /// <summary>The address a listener binds for <paramref name="host"/>, as Kestrel does.</summary>
    public static IPAddress ListenAddressOf(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ => IPAddress.Parse(host.Trim('[', ']')),
    };
}

/// <summary>
/// Checks <see cref="SiloHttpOptions.HttpUrl"/>, and that its port is neither the silo nor the gateway
/// port (read as configured: a malformed port is reported by <see cref="SiloEndpointOptionsValidator"/>, not twice).
/// </summary>
public sealed class SiloHttpOptionsValidator(IConfiguration configuration) : IValidateOptions<SiloHttpOptions>
{
    private const string Key = SiloHttpOptions.SectionName + ":HttpUrl";
    private const string Expected = $"expected http://{{address}}:{{port}} (default {SiloHttpOptions.DefaultHttpUrl})";

    public ValidateOptionsResult Validate(string? name, SiloHttpOptions options)
    {
        BindingAddress address;
        try
        {
            address = options.ParsedHttpUrl;
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail($"{Key} '{options.HttpUrl}' is not a URL: {Expected}");
        }

        if (address.Scheme != "http" || address.IsUnixPipe || address.PathBase.Length > 0 || !IsListenableHost(address.Host))
        {
            return ValidateOptionsResult.Fail($"{Key} '{options.HttpUrl}' is not usable: {Expected}, with an IP address, localhost, * or + and no path; HTTPS is not served");
        }

        if (address.Port is < 0 or > IPEndPoint.MaxPort)
        {
            return ValidateOptionsResult.Fail($"{Key} port must be 0-65535, not {address.Port}");
        }

        var endpoints = ConfiguredEndpoints();
        return address.Port == endpoints.SiloPort || address.Port == endpoints.GatewayPort
            ? ValidateOptionsResult.Fail($"{Key} port {address.Port} is also the silo or gateway port ({SiloEndpointOptions.SectionName}); give it its own")
            : ValidateOptionsResult.Success;
    }

    private SiloEndpointOptions ConfiguredEndpoints()
    {
        try
        {
            return configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new();
        }
        catch (InvalidOperationException)
        {
            return new SiloEndpointOptions { SiloPort = -1, GatewayPort = -1 };
        }
    }

    private static bool IsListenableHost(string host) =>
        host is "localhost" or "*" or "+" || IPAddress.TryParse(host.Trim('[', ']'), out _);
}
