using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansRemarks.Silo.Configuration;

/// <summary>
/// Failure detection of the cluster (section "Orleans:Membership", bound onto Orleans'
/// <see cref="ClusterMembershipOptions"/>). The defaults here make a silo that died without leaving
/// (kill -9, power loss) declared dead within about 10 s instead of Orleans' ~30 s, so the owners it
/// hosted are served again quickly. Any property of <see cref="ClusterMembershipOptions"/> can be set
/// in configuration, e.g. <c>Orleans__Membership__ProbeTimeout=00:00:05</c>.
/// </summary>
public static class MembershipDefaults
{
    public const string SectionName = "Orleans:Membership";

    /// <summary>Time allowed for one liveness probe, and the period between probes (Orleans: 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a prober suspects a silo (Orleans' default).</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>Suspicions needed to declare a silo dead (Orleans' default; at most the silos that probe it).</summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>How long a suspicion counts (Orleans: 2 min): well above detection time, short enough that stale suspicions fade.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Heartbeat written to the membership table (Orleans: 30 s); shows stale rows sooner to operators and peers.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Applies the defaults above, then whatever "Orleans:Membership" sets.</summary>
    public static IServiceCollection AddMembershipOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(options =>
            {
                options.ProbeTimeout = ProbeTimeout;
                options.NumMissedProbesLimit = NumMissedProbesLimit;
                options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
                options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
                options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
            })
            .Bind(configuration.GetSection(SectionName));
        return services;
    }
}
