using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Policy.Rules;

namespace OrleansRemarks.WebFront.Policy;

public static class PolicyEndpoints
{
    public const string OperationId = "GetPolicy";

    /// <summary>The rules, their validator (run at start and on every reload), the handler and its metrics.</summary>
    public static IServiceCollection AddRemarkPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PolicyOptions, PolicyOptionsValidator>(configuration, PolicyOptions.SectionName);
        services.AddSingleton<PolicyRuleSource>();
        services.AddSingleton<PolicyMetrics>();
        services.AddSingleton<RemarkPolicyHandler>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// <c>GET /api/v1/policy</c> in the query API's group (API key and rate limit as the other query
    /// endpoints). Also builds the rules now, so configuration changes are watched from the start.
    /// </summary>
    public static IEndpointRouteBuilder MapRemarkPolicy(this IEndpointRouteBuilder endpoints)
    {
        _ = endpoints.ServiceProvider.GetRequiredService<PolicyRuleSource>();
        endpoints.MapGet("/api/v1/policy", (PolicyRuleSource source) => TypedResults.Ok(Describe(source.Active)))
            .WithName(OperationId)
            .WithTags("Remark policy")
            .WithSummary("The remark policy rules in force on this web front")
            .WithDescription(
                "The `Policy:*` rules that before-set-remark callbacks are checked against, as re-read from the configuration. " +
                "`reloadError` says why the latest configuration change was refused (the rules shown stayed in force); null when it was applied.");
        return endpoints;
    }

    public static PolicyResponse Describe(ActivePolicy active)
    {
        var rules = active.Rules;
        return new PolicyResponse(
            rules.IsActive,
            rules.MaxLength,
            rules.BlockedTerms,
            rules.Normalize,
            rules.MaxChangesPerOwnerPerMinute,
            (int)rules.Timeout.TotalMilliseconds,
            active.LoadedAt,
            active.ReloadError);
    }
}

/// <summary>The body of <c>GET /api/v1/policy</c>: the rules in force on this web front.</summary>
public sealed record PolicyResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("maxLength")] int MaxLength,
    [property: JsonPropertyName("blockedTerms")] IReadOnlyList<string> BlockedTerms,
    [property: JsonPropertyName("normalize")] bool Normalize,
    [property: JsonPropertyName("maxChangesPerOwnerPerMinute")] int MaxChangesPerOwnerPerMinute,
    [property: JsonPropertyName("timeoutMilliseconds")] int TimeoutMilliseconds,
    [property: JsonPropertyName("loadedAt")] DateTimeOffset LoadedAt,
    [property: JsonPropertyName("reloadError")] string? ReloadError);
