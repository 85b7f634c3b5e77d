using System.Net;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// A list of IP networks from configuration. Each entry is an address (<c>10.1.2.3</c>, <c>::1</c>) or
/// a CIDR with its host bits zero (<c>10.0.0.0/8</c>, <c>fd00::/8</c>); one entry may list several,
/// separated by commas or spaces (handy in one environment variable). Empty entries are ignored, so a
/// compose file can pass an unset variable through.
/// </summary>
public sealed class IpNetworkList
{
    private static readonly char[] Separators = [',', ' ', ';'];

    private readonly IPNetwork[] _networks;

    private IpNetworkList(IEnumerable<IPNetwork> networks) => _networks = [.. networks];

    public bool IsEmpty => _networks.Length == 0;

    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>Parses every entry; <paramref name="invalid"/> lists the entries that are not networks.</summary>
    public static IpNetworkList Parse(IEnumerable<string?> entries, out IReadOnlyList<string> invalid)
    {
        var networks = new List<IPNetwork>();
        var rejected = new List<string>();
        foreach (var item in entries.SelectMany(entry => (entry ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries)))
        {
            if (TryParseOne(item, out var network))
            {
                networks.Add(network);
            }
            else
            {
                rejected.Add(item);
            }
        }

        invalid = rejected;
        return new IpNetworkList(networks);
    }

    /// <summary>True when the address lies in one of the networks (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Runs for every callback: normalize once, no closure.
        var normalized = Normalize(address);
        foreach (var network in _networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TryParseOne(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var single) && !text.Contains('/', StringComparison.Ordinal))
        {
            single = Normalize(single);
            network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
            return true;
        }

        // .NET masks host bits away ("10.0.0.1/8" becomes 10.0.0.0/8); such an entry is more likely a
        // typo than meant, and it would trust more than it names, so it is refused.
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return IPNetwork.TryParse(text, out network) &&
               slash > 0 &&
               IPAddress.TryParse(text[..slash], out var written) &&
               network.BaseAddress.Equals(written);
    }
}
