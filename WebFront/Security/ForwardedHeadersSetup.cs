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

public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    private const string Section = NetworkOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        IpNetworkList.Parse(options.TrustedProxies, out var invalid);
        if (invalid.Count > 0)
        {
            failures.Add(NetworkListFailure($"{Section}:TrustedProxies", invalid));
        }

        if (options.ForwardLimit is < 1 or > NetworkOptions.LargestForwardLimit)
        {
            failures.Add($"{Section}:ForwardLimit must be between 1 and {NetworkOptions.LargestForwardLimit} (default {NetworkOptions.DefaultForwardLimit}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static string NetworkListFailure(string key, IReadOnlyList<string> invalid) =>
        $"{key} holds {string.Join(", ", invalid.Select(entry => $"\"{entry}\""))}: each entry must be an IP address or a CIDR " +
        "with its host bits zero (e.g. 10.0.0.0/8, 192.0.2.7, fd00::/8).";
}
