using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.Silo.Configuration;

/// <summary>Where the silo listens and what address it publishes in the membership table (section "Orleans:Endpoints").</summary>
public sealed class SiloEndpointOptions
{
    public const string SectionName = "Orleans:Endpoints";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (in a container: the container's own IP).</summary>
    public string AdvertisedIPAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Listen on every interface (0.0.0.0) instead of only the advertised address, e.g. in a container.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    public IPAddress ParsedAdvertisedIPAddress => IPAddress.Parse(AdvertisedIPAddress);
}

public sealed class SiloEndpointOptionsValidator : IValidateOptions<SiloEndpointOptions>
{
    private const string Section = SiloEndpointOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SiloEndpointOptions options)
    {
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > IPEndPoint.MaxPort)
        {
            failures.Add($"{Section}:SiloPort must be 1-65535, not {options.SiloPort}");
        }

        if (options.GatewayPort is < 1 or > IPEndPoint.MaxPort)
        {
            failures.Add($"{Section}:GatewayPort must be 1-65535, not {options.GatewayPort}");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Section}:SiloPort and GatewayPort must differ (both {options.SiloPort})");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out var address))
        {
            failures.Add($"{Section}:AdvertisedIPAddress '{options.AdvertisedIPAddress}' is not an IP address");
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            failures.Add($"{Section}:AdvertisedIPAddress must be an address others can reach, not {options.AdvertisedIPAddress}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
