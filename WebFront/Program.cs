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
    // The host: OpenIM's default address unless one is configured, no callback secret in any log, and
    // the service defaults (log format, metrics, health checks) with this process's readiness check and API reference.
    builder.UseDefaultListenUrlWhenUnset()
        .KeepCallbackSecretOutOfLogs()
        .AddWebFrontOperations();
    // The cluster: a silo in this process (Orleans:CoHostSilo=true), else a client of the silos' gateways.
    var coHostsSilo = CoHostedSilo.IsEnabled(builder.Configuration);
    if (coHostsSilo)
    {
        builder.AddCoHostedSilo();
    }
    else
    {
        builder.AddRemarksClusterClient();
    }

    builder.Services.AddSingleton(LookupTransport.For(builder.Configuration));

    // The features, each with its validated settings: callbacks, the remark policy, access control, the dashboard.
    builder.Services
        .AddOpenImCallbacks(builder.Configuration)
        .AddRemarkPolicy(builder.Configuration)
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

    // The pipeline, in order. Errors become problem answers.
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    // 1. Who the client is: X-Forwarded-For is believed only from Network:TrustedProxies.
    app.UseTrustedForwardedHeaders();
    // 2. Callbacks from outside Callback:AllowedNetworks are refused (403) before their path or body is read.
    app.UseCallbackNetworkFilter();
    // 3. Callback:Secret is taken out of the path before routing, whose logs print paths; a wrong secret is 404.
    app.UseCallbackSecretPath();
    app.UseRouting();
    // 4. Access control, after routing so that each endpoint's rules apply: the API key, then the rate
    //    limit (after authentication, so a client's bucket is its key; failed logins count per address),
    //    then authorization.
    app.UseAuthentication();
    app.UseRateLimiter();
    app.UseAuthorization();

    // The endpoints: the dashboard (operators), the OpenIM callbacks, the query API (API key, rate
    // limit, body size limit: its group), then health, metrics and the OpenAPI document.
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
