using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansRemarks.ServiceDefaults;
using OrleansRemarks.WebFront.Callbacks;
using OrleansRemarks.WebFront.Cluster;
using OrleansRemarks.WebFront.Configuration;
using OrleansRemarks.WebFront.Dashboard;
using OrleansRemarks.WebFront.Json;
using OrleansRemarks.WebFront.Operations;
using OrleansRemarks.WebFront.Policy;
using OrleansRemarks.WebFront.Queries;
using OrleansRemarks.WebFront.Security;
using OrleansRemarks.WebFront.Sync;

// ICU is on for the remark policy (WebFront.csproj); numbers and dates stay formatted as before, culture-invariant.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseDefaultListenUrlWhenUnset()
        .KeepCallbackSecretOutOfLogs()
        .AddWebFrontOperations();
    var coHostsSilo = CoHostedSilo.IsEnabled(builder.Configuration);
    if (coHostsSilo)
    {
        builder.AddCoHostedSilo();
    }
    else
    {
        builder.AddRemarksClusterClient();
    }

    builder.Services
        .AddWebFrontOptions(builder.Configuration)
        .AddRemarkPolicy(builder.Configuration)
        .AddOpenImCallbacks()
        .AddProblemDetails()
        .ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebFrontJsonContext.Default));
    builder.AddWebFrontSecurity().AddOperatorDashboard();

    var app = builder.Build();
    // Every setting of every options class (web front, and co-hosted silo's) at once, before anything connects.
    app.Services.ValidateSettings();
    if (coHostsSilo)
    {
        await CoHostedSilo.ApplySchemaAsync(app.Services);
    }

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseClientAddressRules();
    app.UseCallbackSecretPath();
    app.UseRouting();
    app.UseApiAccessControl();
    app.MapOperatorDashboard();
    app.MapOpenImCallbacks();
    app.MapProtectedQueryApi().MapRemarkQueries().MapOpenImSync().MapRemarkPolicy();
    app.MapWebFrontOperations();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // One clear line instead of a stack trace: the operator's fix is in the configuration.
    await Console.Error.WriteLineAsync(SettingsValidation.Describe(WebFrontOperations.ServiceName, invalid));
    return SettingsValidation.ExitCode;
}
catch (Exception failure) when (failure is not OperationCanceledException)
{
    // The host has logged the details; typically the cluster's database or gateways are unreachable.
    await Console.Error.WriteLineAsync($"OrleansRemarks.WebFront stopped: {failure.GetType().Name}: {failure.Message}");
    return 1;
}
