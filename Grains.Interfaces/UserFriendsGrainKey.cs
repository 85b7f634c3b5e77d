namespace OrleansRemarks.Grains.Interfaces;

/// <summary>
/// Maps an OpenIM user ID to its grain key. The prefix is not a hex digit, so numeric IDs such
/// as "10" and "010" (or "abc" and "ABC") never parse as integer keys, which the ADO.NET storage
/// would otherwise fold into one row.
/// </summary>
public static class UserFriendsGrainKey
{
    public const string Prefix = "u/";

    public static string For(string ownerUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        return Prefix + ownerUserId;
    }

    public static string OwnerOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? grainKey[Prefix.Length..]
            : throw new ArgumentException($"'{grainKey}' is not a user-friends grain key.", nameof(grainKey));

    public static IUserFriendsGrain GetUserFriendsGrain(this IGrainFactory grainFactory, string ownerUserId) =>
        grainFactory.GetGrain<IUserFriendsGrain>(For(ownerUserId));
}
