using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansRemarks.Grains.Sync;

/// <summary>The admin token that every OpenIM call but the token's own carries.</summary>
public interface IOpenImTokenSource
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>OpenIM refused <paramref name="rejected"/>: a newer token, never the rejected one.</summary>
    Task<string> RefreshAsync(string rejected, CancellationToken cancellationToken);
}

/// <summary>
/// One admin token for the whole cluster. On current OpenIM a newer token for the same admin ends
/// the older ones five minutes later, so silos that each logged in would keep ending each other's
/// tokens. The token grain (one activation in the cluster) is the only caller of
/// <c>/auth/get_admin_token</c>; silos cache what it hands out (<see cref="ClusterAdminToken"/>).
/// </summary>
[Alias("OrleansRemarks.IOpenImTokenGrain")]
public interface IOpenImTokenGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<IssuedToken> GetAsync();

    /// <summary>Fetches a new token only if <paramref name="rejected"/> is still the current one (compare and refresh).</summary>
    [Alias("Refresh")]
    Task<IssuedToken> RefreshAsync(string rejected);
}

[GenerateSerializer, Immutable, Alias("OrleansRemarks.IssuedToken")]
public sealed record IssuedToken([property: Id(0)] string Token, [property: Id(1)] DateTimeOffset RefreshAfter);

public sealed partial class OpenImTokenGrain(
    OpenImApiClient api,
    IOptions<OpenImOptions> options,
    TimeProvider clock,
    ILogger<OpenImTokenGrain> logger) : Grain, IOpenImTokenGrain
{
    /// <summary>A token is replaced once this share of its lifetime has passed, so it never expires in use.</summary>
    private const double RefreshAtLifetimeShare = 0.8;

    private IssuedToken? _current;

    public async Task<IssuedToken> GetAsync() =>
        _current is { } current && clock.GetUtcNow() < current.RefreshAfter ? current : await FetchAsync();

    public async Task<IssuedToken> RefreshAsync(string rejected) =>
        _current is { } current && current.Token != rejected && clock.GetUtcNow() < current.RefreshAfter ? current : await FetchAsync();

    private async Task<IssuedToken> FetchAsync()
    {
        var settings = options.Value;
        var issued = await api.GetAdminTokenAsync(settings.Secret!, settings.AdminUserID, CancellationToken.None);
        var lifetime = TimeSpan.FromSeconds(issued.ExpireTimeSeconds * RefreshAtLifetimeShare);
        _current = new IssuedToken(issued.Token!, clock.GetUtcNow() + lifetime);
        LogIssued(settings.AdminUserID, _current.RefreshAfter);
        return _current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenIM admin token issued for {AdminUserId}; replaced after {RefreshAfter:o}")]
    private partial void LogIssued(string adminUserId, DateTimeOffset refreshAfter);
}

/// <summary>A silo's cache of the cluster's admin token (<see cref="IOpenImTokenGrain"/>).</summary>
public sealed class ClusterAdminToken(IGrainFactory grains, TimeProvider clock) : IOpenImTokenSource
{
    private volatile IssuedToken? _cached;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() < cached.RefreshAfter)
        {
            return cached.Token;
        }

        _cached = await AskAsync(grain => grain.GetAsync(), cancellationToken);
        return _cached.Token;
    }

    public async Task<string> RefreshAsync(string rejected, CancellationToken cancellationToken)
    {
        _cached = await AskAsync(grain => grain.RefreshAsync(rejected), cancellationToken);
        return _cached.Token;
    }

    /// <summary>
    /// The token grain's failures (OpenIM down, a wrong secret, a silo lost) arrive as Orleans'
    /// stand-ins for our exception type: they become an OpenIM failure of this call, retried later.
    /// </summary>
    private async Task<IssuedToken> AskAsync(Func<IOpenImTokenGrain, Task<IssuedToken>> ask, CancellationToken cancellationToken)
    {
        try
        {
            return await ask(grains.GetGrain<IOpenImTokenGrain>(0)).WaitAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new OpenImApiException(OpenImApiClient.AdminTokenPath, 0, $"No OpenIM admin token: {failure.Message}", failure);
        }
    }
}
