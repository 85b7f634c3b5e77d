using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Queries;

namespace OrleansRemarks.WebFront.Security;

/// <summary>Authentication, trusted proxies, callback networks and the query API's limits.</summary>
public static class WebFrontSecurityRegistration
{
    public static WebApplicationBuilder AddWebFrontSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddValidatedOptions<ApiAccessOptions, ApiAccessOptionsValidator>(configuration, ApiAccessOptions.SectionName)
            .AddValidatedOptions<DashboardAccessOptions, DashboardAccessOptionsValidator>(configuration, DashboardAccessOptions.SectionName)
            .AddValidatedOptions<NetworkOptions, NetworkOptionsValidator>(configuration, NetworkOptions.SectionName)
            .AddValidatedOptions<CallbackNetworkOptions, CallbackNetworkOptionsValidator>(configuration, CallbackNetworkOptions.SectionName)
            .AddValidatedOptions<ApiLimitsOptions, ApiLimitsOptionsValidator>(configuration, ApiLimitsOptions.SectionName)
            .AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration, RateLimitOptions.SectionName);

        services.AddSingleton(provider => ApiKeySet.ForQueryApi(provider.GetRequiredService<IOptions<ApiAccessOptions>>()));
        services.AddSingleton<OperatorKeySet>();
        services.AddAuthentication(ApiAccessPolicies.ApiKeyScheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiAccessPolicies.ApiKeyScheme, scheme =>
                scheme.Challenge = ApiAccessPolicies.ApiKeyChallenge)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiAccessPolicies.OperatorScheme, scheme =>
            {
                scheme.ForOperators = true;
                scheme.AcceptBasic = true;
                scheme.Challenge = ApiAccessPolicies.OperatorChallenge;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAccessPolicies.QueryApi, policy => policy
                .AddAuthenticationSchemes(ApiAccessPolicies.ApiKeyScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(ApiAccessPolicies.Operator, policy => policy
                .AddAuthenticationSchemes(ApiAccessPolicies.OperatorScheme)
                .RequireAuthenticatedUser());

        services.AddTrustedProxies().AddQueryRateLimiting().AddQueryApiSecurityDocumentation();
        return builder;
    }
}
