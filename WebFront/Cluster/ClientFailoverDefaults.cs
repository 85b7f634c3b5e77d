using Orleans.Configuration;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>
/// How the web front's Orleans client rides out a silo that dies or restarts. Sections
/// "Orleans:Gateway" (bound onto <see cref="GatewayOptions"/>) and "Orleans:Messaging" (bound onto
/// <see cref="ClientMessagingOptions"/>) override the defaults, e.g. <c>Orleans__Messaging__ResponseTimeout=00:00:15</c>.
/// </summary>
public static class ClientFailoverDefaults
{
    public const string GatewaySectionName = "Orleans:Gateway";
    public const string MessagingSectionName = "Orleans:Messaging";

    /// <summary>
    /// How often the client re-reads the gateways from the membership table (Orleans: 1 min). A
    /// restarted or added silo is used within this period; dead ones are dropped at once on error.
    /// </summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a grain call may go unanswered (Orleans: 30 s). A call that reached a silo just
    /// before it was killed is never answered; failing it after 8 s turns it into a 503 while nginx
    /// may still retry it on the other web front (proxy_next_upstream_timeout 10 s), where the
    /// owner is already reactivated. OpenIM itself waits 5 s by default.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(8);

    public static IServiceCollection AddClientFailoverOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Configure(options => options.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
            .Bind(configuration.GetSection(GatewaySectionName));
        services.AddOptions<ClientMessagingOptions>()
            .Configure(options => options.ResponseTimeout = ResponseTimeout)
            .Bind(configuration.GetSection(MessagingSectionName));
        return services;
    }
}
