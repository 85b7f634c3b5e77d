using System.Collections.Concurrent;
using System.Net;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>
/// The web front's view of the cluster, in memory: every owner's <see cref="InMemoryUserFriendsGrain"/>
/// and a management grain that reports one active silo. With <see cref="Unavailable"/> set, every grain
/// call fails the way a call to an unreachable cluster does. Registered as the web front's
/// <see cref="IClusterClient"/> and <see cref="IGrainFactory"/>, so no gateway is ever contacted.
/// </summary>
public sealed class InMemoryCluster(TimeProvider clock) : IClusterClient
{
    private static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    private readonly ConcurrentDictionary<string, InMemoryUserFriendsGrain> _owners = new(StringComparer.Ordinal);

    public InMemoryCluster()
        : this(TimeProvider.System)
    {
    }

    /// <summary>When set, every grain call fails with a new exception of this kind (e.g. <see cref="SiloUnavailableException"/>).</summary>
    public Func<Exception>? Unavailable { get; set; }

    public IServiceProvider ServiceProvider => throw new NotSupportedException("The in-memory cluster has no client services.");

    /// <summary>The grain of <paramref name="ownerUserId"/>, as the web front reaches it.</summary>
    public IUserFriendsGrain Owner(string ownerUserId) => Grain(UserFriendsGrainKey.For(ownerUserId));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        typeof(TGrainInterface) == typeof(IManagementGrain) && primaryKey == 0
            ? (TGrainInterface)ManagementGrain()
            : throw Unexpected(typeof(TGrainInterface));

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) =>
        string.Equals(interfaceType.ToString(), UserFriendsGrainKey.InterfaceTypeName, StringComparison.Ordinal)
            ? Grain(grainId.Key.ToString()!)
            : throw new NotSupportedException($"The in-memory cluster has no grains of interface {interfaceType}.");

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw Unexpected(typeof(TGrainInterface));

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => throw Unexpected(typeof(TGrainInterface));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw Unexpected(typeof(TGrainInterface));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw Unexpected(typeof(TGrainInterface));

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unexpected(typeof(TGrainObserverInterface));

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unexpected(typeof(TGrainObserverInterface));

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainKey) => throw Unexpected(grainInterfaceType);

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw Unexpected(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw Unexpected(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw Unexpected(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw Unexpected(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw Unexpected(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw Unexpected(grainInterfaceType);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw Unexpected(typeof(TGrainInterface));

    public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException($"The in-memory cluster cannot resolve {grainId} without an interface.");

    private IUserFriendsGrain Grain(string grainKey) =>
        Unavailable is { } failure
            ? GrainProxy.Failing<IUserFriendsGrain>(failure())
            : _owners.GetOrAdd(grainKey, _ => new InMemoryUserFriendsGrain(clock));

    private IManagementGrain ManagementGrain() =>
        Unavailable is { } failure
            ? GrainProxy.Failing<IManagementGrain>(failure())
            : GrainProxy.Create<IManagementGrain>((method, _) => method.Name == nameof(IManagementGrain.GetHosts)
                ? Task.FromResult(new Dictionary<SiloAddress, SiloStatus> { [Silo] = SiloStatus.Active })
                : throw Unexpected(typeof(IManagementGrain), method.Name));

    private static NotSupportedException Unexpected(Type grainInterface, string? method = null) =>
        new($"The web front is not expected to call {grainInterface.Name}{(method is null ? "" : "." + method)} here.");
}
