namespace OrleansRemarks.WebFront.Security;

/// <summary>Where callbacks may come from (section <c>Callback</c>, next to the callback path and secret).</summary>
public sealed class CallbackNetworkOptions
{
    public const string SectionName = "Callback";

    /// <summary>
    /// Addresses or CIDRs OpenIM calls from. When set, a callback from any other client address (after
    /// <see cref="NetworkOptions.TrustedProxies"/> processing) is answered 403 unread. Empty: any address.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>
    /// Accept callbacks from any source on a non-loopback address without <c>Callback:Secret</c> or
    /// <see cref="AllowedNetworks"/>: anyone who reaches the URL may then set anyone's remarks. Without
    /// one of the three, a web front that other machines can reach refuses to start.
    /// </summary>
    public bool AllowAnySource { get; set; }

    public IpNetworkList ParseAllowedNetworks() => IpNetworkList.Parse(AllowedNetworks, out _);
}
