using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansRemarks.ServiceDefaults;

/// <summary>
/// One way to validate settings in both processes: every options class is bound from its section with an
/// <see cref="IValidateOptions{TOptions}"/> in the same file and <c>ValidateOnStart</c>, and
/// <see cref="ValidateSettings"/> checks them all in one pass before anything starts, so an operator
/// sees every invalid key of every options class at once: one line on stderr, exit code
/// <see cref="ExitCode"/>. The options classes are found in the service collection (each of this
/// service's validators names one), not kept in a list. Messages name keys and never repeat a secret.
/// </summary>
public static partial class SettingsValidation
{
    /// <summary>The exit code of a process that refuses its configuration.</summary>
    public const int ExitCode = 2;

    private const string OwnAssemblyPrefix = "OrleansRemarks.";
    private const string OrleansAssemblyPrefix = "Orleans.";

    private static readonly MethodInfo CheckMethod =
        typeof(SettingsValidation).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="sectionName"/>, checked by <typeparamref name="TValidator"/> before the start.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The cluster's identity (<c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>), also set on Orleans'
    /// <see cref="ClusterOptions"/> of a silo or client in this host, and database (<c>ConnectionStrings:Orleans</c>).
    /// </summary>
    public static IServiceCollection AddClusterSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterIdentityOptions, ClusterIdentityOptionsValidator>(configuration, ClusterIdentityOptions.SectionName);
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterIdentityOptions>>((cluster, identity) =>
        {
            cluster.ClusterId = identity.Value.ClusterId;
            cluster.ServiceId = identity.Value.ServiceId;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());
        services.AddOptions<PostgresOptions>()
            .Configure(options => options.ConnectionString = configuration.GetConnectionString(PostgresOptions.ConnectionStringName) ?? "")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Makes <see cref="ValidateSettings"/> available; <c>AddServiceDefaults</c> calls it.</summary>
    public static IServiceCollection AddSettingsValidation(this IServiceCollection services)
    {
        // The collection itself: read when the pass runs, after every registration was made.
        services.TryAddSingleton(new RegisteredSettings(services));
        return services;
    }

    /// <summary>
    /// Checks every options class that has one of this service's validators, and throws one
    /// <see cref="OptionsValidationException"/> that lists every problem of all of them. Run it after
    /// <c>Build()</c> and before anything touches the database or the network.
    /// </summary>
    /// <exception cref="OptionsValidationException">At least one setting is invalid.</exception>
    public static void ValidateSettings(this IServiceProvider services)
    {
        var failures = new List<string>();
        foreach (var optionsType in services.GetRequiredService<RegisteredSettings>().ValidatedOptionsTypes())
        {
            CheckMethod.MakeGenericMethod(optionsType).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [services, failures], null);
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SettingsValidation), failures.Distinct(StringComparer.Ordinal));
        }
    }

    /// <summary><c>{process}: configuration error: {every failure}.</c> on one line, for stderr.</summary>
    public static string Describe(string processName, OptionsValidationException invalid) =>
        $"{processName}: configuration error: " +
        string.Join("; ", invalid.Failures.Select(failure => failure.ReplaceLineEndings(" ").Trim().TrimEnd('.'))) + ".";

    private static void Check<TOptions>(IServiceProvider services, List<string> failures)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.DefaultName);
        }
        catch (OptionsValidationException invalid)
        {
            failures.AddRange(invalid.Failures);
        }
        catch (InvalidOperationException unconvertible)
        {
            // The binder could not convert a value (e.g. Api:RateLimit:Burst=ten).
            failures.Add(WithoutValue(unconvertible.Message));
        }
    }

    /// <summary>
    /// The binder's "Failed to convert configuration value '{value}' at '{key}' to type '{type}'" without
    /// the value: a secret set under the wrong key must not reach stderr.
    /// </summary>
    private static string WithoutValue(string message) =>
        BinderFailure().Match(message) is { Success: true } failure
            ? $"{failure.Groups["key"].Value} cannot be converted to {failure.Groups["type"].Value}"
            : message;

    [GeneratedRegex(@"^Failed to convert configuration value '.*' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();

    /// <summary>The service collection, kept to find the validated options classes in it.</summary>
    private sealed class RegisteredSettings(IServiceCollection services)
    {
        /// <summary>
        /// The options classes of every <see cref="IValidateOptions{TOptions}"/> implemented in this
        /// service's assemblies, and every options class of this service or of Orleans bound from
        /// configuration (e.g. <c>Orleans:Membership</c>, whose values the binder may fail to convert), in
        /// registration order. Framework validators (e.g. of named authentication schemes) are left to the host.
        /// </summary>
        public IEnumerable<Type> ValidatedOptionsTypes() => services
            .Where(descriptor => !descriptor.IsKeyedService && descriptor.ServiceType.IsGenericType)
            .Where(descriptor => descriptor.ServiceType.GetGenericTypeDefinition() is var registration && (
                (registration == typeof(IValidateOptions<>) && IsOwn(descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType())) ||
                (registration == typeof(IOptionsChangeTokenSource<>) && IsOwnOrOrleans(descriptor.ServiceType.GetGenericArguments()[0]))))
            .Select(descriptor => descriptor.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        private static bool IsOwnOrOrleans(Type options) =>
            IsOwn(options) || options.Assembly.GetName().Name?.StartsWith(OrleansAssemblyPrefix, StringComparison.Ordinal) == true;

        private static bool IsOwn(Type? validator) =>
            validator?.Assembly.GetName().Name?.StartsWith(OwnAssemblyPrefix, StringComparison.Ordinal) == true;
    }
}
