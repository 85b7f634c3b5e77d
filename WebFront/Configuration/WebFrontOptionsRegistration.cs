using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Limits;
using OrleansRemarks.WebFront.Policy.Rules;
using OrleansRemarks.WebFront.Security;

namespace OrleansRemarks.WebFront.Configuration;

public static class WebFrontOptionsRegistration
{
    /// <summary>Binds and validates every option class of the web front; bad values stop the start.</summary>
    public static IServiceCollection AddWebFrontOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<ClusterConnectionOptions>, ClusterConnectionOptionsValidator>();
        services.AddOptions<ClusterConnectionOptions>()
            .Bind(configuration.GetSection(ClusterConnectionOptions.SectionName))
            .Configure(options => options.ConnectionString =
                configuration.GetConnectionString(ClusterConnectionOptions.ConnectionStringName) ?? "")
            .ValidateOnStart();

        return services.AddValidatedOptions<CallbackOptions, CallbackOptionsValidator>(configuration, CallbackOptions.SectionName);
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from its section, validated by <typeparamref name="TValidator"/> at start.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Validates every option class now, before the host starts (whose own failure log is a stack
    /// trace), and throws one <see cref="OptionsValidationException"/> listing all problems.
    /// </summary>
    public static void ValidateWebFrontOptions(this IServiceProvider services)
    {
        var failures = new List<string>();
        Collect(() => services.GetRequiredService<IOptions<ClusterConnectionOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<CallbackOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<ApiAccessOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<DashboardAccessOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<NetworkOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<CallbackNetworkOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<ApiLimitsOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<RateLimitOptions>>().Value, failures);
        Collect(() => services.GetRequiredService<IOptions<PolicyOptions>>().Value, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WebFrontOptionsRegistration), failures);
        }
    }

    private static void Collect(Func<object> resolve, List<string> failures)
    {
        try
        {
            _ = resolve();
        }
        catch (OptionsValidationException invalid)
        {
            failures.AddRange(invalid.Failures);
        }
        catch (InvalidOperationException unconvertible)
        {
            // The binder could not convert a value (e.g. Api:RateLimit:Burst=ten); its message names the key.
            failures.Add(unconvertible.Message);
        }
    }
}
