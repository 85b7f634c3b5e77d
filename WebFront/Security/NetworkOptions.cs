namespace OrleansRemarks.WebFront.Security;

/// <summary>Which peers are reverse proxies whose <c>X-Forwarded-For</c> is believed (section <c>Network</c>).</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    public const int DefaultForwardLimit = 1;

    public const int LargestForwardLimit = 10;

    /// <summary>
    /// Addresses or CIDRs of the reverse proxies in front of the web front. <c>X-Forwarded-For</c> is
    /// read only on connections from them; from anyone else it is ignored. Empty: never read.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How many trusted proxies in a row may each add an <c>X-Forwarded-For</c> entry (1: one proxy).</summary>
    public int ForwardLimit { get; set; } = DefaultForwardLimit;

    public IpNetworkList ParseTrustedProxies() => IpNetworkList.Parse(TrustedProxies, out _);
}
