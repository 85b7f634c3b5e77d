using System.Net;

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

    public IEnumerable<string> Validate()
    {
        if (SiloPort is < 1 or > IPEndPoint.MaxPort)
        {
            yield return $"{SectionName}:SiloPort must be 1-65535, not {SiloPort}";
        }

        if (GatewayPort is < 1 or > IPEndPoint.MaxPort)
        {
            yield return $"{SectionName}:GatewayPort must be 1-65535, not {GatewayPort}";
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"{SectionName}:SiloPort and GatewayPort must differ (both {SiloPort})";
        }

        if (!IPAddress.TryParse(AdvertisedIPAddress, out var address))
        {
            yield return $"{SectionName}:AdvertisedIPAddress '{AdvertisedIPAddress}' is not an IP address";
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            yield return $"{SectionName}:AdvertisedIPAddress must be an address others can reach, not {AdvertisedIPAddress}";
        }
    }
}
