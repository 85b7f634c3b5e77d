using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Callbacks;

namespace OrleansRemarks.WebFront.Configuration;

public static class WebFrontOptionsRegistration
{
    /// <summary>
    /// The callback settings (<c>Callback:*</c>), validated with every other setting before the start
    /// (<see cref="SettingsValidation.ValidateSettings"/>). The cluster's identity and database come from
    /// <c>AddServiceDefaults</c>; the security, limit and policy settings from their own registrations.
    /// </summary>
    public static IServiceCollection AddWebFrontOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<CallbackOptions, CallbackOptionsValidator>(configuration, CallbackOptions.SectionName);
}
