using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

/// <summary>
/// The client address every later rule sees (callback networks, rate limit partitions, logs): the
/// peer, or the <c>X-Forwarded-For</c> address when the peer is one of <c>Network:TrustedProxies</c>.
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Reads <c>X-Forwarded-For</c> only from <c>Network:TrustedProxies</c>. ASP.NET Core's defaults
    /// trust loopback, and its middleware trusts every peer when both lists are empty; so the lists
    /// are replaced by ours, and with no trusted proxy the header is switched off entirely (which
    /// also disarms <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>).
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            var proxies = network.Value.ParseTrustedProxies();
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Networks)
            {
                forwarded.KnownIPNetworks.Add(proxy);
            }

            forwarded.ForwardedHeaders = proxies.IsEmpty ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
            forwarded.ForwardLimit = network.Value.ForwardLimit;
        });
        return services;
    }

    /// <summary>ASP.NET Core's forwarded headers middleware, only when there is a trusted proxy.</summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.ParseTrustedProxies().IsEmpty
            ? app
            : app.UseForwardedHeaders();
}
