using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.WebFront.Security;

public static class ClientAddressRules
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

    /// <summary>Trusted-proxy processing, then the callback network allow-list; before the callback secret path.</summary>
    public static IApplicationBuilder UseClientAddressRules(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        if (!services.GetRequiredService<IOptions<NetworkOptions>>().Value.ParseTrustedProxies().IsEmpty)
        {
            app.UseForwardedHeaders();
        }

        if (!services.GetRequiredService<IOptions<CallbackNetworkOptions>>().Value.ParseAllowedNetworks().IsEmpty)
        {
            app.UseMiddleware<CallbackNetworkFilterMiddleware>();
        }

        return app;
    }
}
