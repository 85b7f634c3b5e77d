using Microsoft.Extensions.Options;
using OrleansRemarks.WebFront.Configuration;
using OrleansRemarks.WebFront.Limits;

namespace OrleansRemarks.WebFront.Security;

public static class StartupOptionsValidation
{
    /// <summary>
    /// <see cref="WebFrontOptionsRegistration.ValidateWebFrontOptions"/> plus the security and limit
    /// options, so that every problem is reported in the same one <see cref="OptionsValidationException"/>.
    /// </summary>
    public static void ValidateWebFrontAndSecurityOptions(this IServiceProvider services)
    {
        var failures = new List<string>();
        Collect(services.ValidateWebFrontOptions, failures);
        Collect(() => _ = services.GetRequiredService<IOptions<ApiAccessOptions>>().Value, failures);
        Collect(() => _ = services.GetRequiredService<IOptions<NetworkOptions>>().Value, failures);
        Collect(() => _ = services.GetRequiredService<IOptions<CallbackNetworkOptions>>().Value, failures);
        Collect(() => _ = services.GetRequiredService<IOptions<ApiLimitsOptions>>().Value, failures);
        Collect(() => _ = services.GetRequiredService<IOptions<RateLimitOptions>>().Value, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(StartupOptionsValidation), failures);
        }
    }

    private static void Collect(Action validate, List<string> failures)
    {
        try
        {
            validate();
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
