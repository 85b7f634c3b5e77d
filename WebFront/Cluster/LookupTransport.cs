using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>
/// How the query API sends a lookup to its owner's grain. A WebFront that is only a client of the
/// silos sends every call over the wire, so it sends the friend IDs packed and gets the remarks
/// packed (<see cref="IUserFriendsGrain.LookupRemarksPackedAsync"/>: one string and one integer array
/// each way instead of one serialized field per ID and per remark). A WebFront that hosts a silo
/// (<see cref="CoHostedSilo"/>) calls the owners it holds in the process, where Orleans passes the
/// immutable lookup by reference; packing would only add work there.
/// </summary>
/// <param name="Packed">Whether lookups go through <see cref="IUserFriendsGrain.LookupRemarksPackedAsync"/>.</param>
public sealed record LookupTransport(bool Packed)
{
    public static LookupTransport For(IConfiguration configuration) => new(!CoHostedSilo.IsEnabled(configuration));
}
