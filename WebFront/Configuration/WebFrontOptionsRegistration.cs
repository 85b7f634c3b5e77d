using Microsoft.Extensions.Options;

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

        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddOptions<CallbackOptions>()
            .Bind(configuration.GetSection(CallbackOptions.SectionName))
            .ValidateOnStart();
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
            // The binder could not convert a value (e.g. Callback:TimeoutSeconds=ten); it names the key.
            failures.Add(unconvertible.Message);
        }
    }
}
