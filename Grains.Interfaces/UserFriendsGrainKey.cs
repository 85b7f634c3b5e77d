namespace OrleansRemarks.Grains.Interfaces;

/// <summary>
/// Maps an OpenIM user ID to its grain key. The prefix is not a hex digit, so numeric IDs such
/// as "10" and "010" (or "abc" and "ABC") never parse as integer keys, which the ADO.NET storage
/// would otherwise fold into one row.
/// </summary>
public static class UserFriendsGrainKey
{
    private const string Prefix = "u/";

    /// <summary>The grain class's <see cref="GrainType"/>, fixed so references can be built without a type lookup.</summary>
    public const string GrainTypeName = "userfriends";

    /// <summary>The grain interface's <see cref="GrainInterfaceType"/>, fixed for the same reason.</summary>
    public const string InterfaceTypeName = "OrleansRemarks.IUserFriendsGrain";

    private static readonly GrainType GrainType = GrainType.Create(GrainTypeName);
    private static readonly GrainInterfaceType InterfaceType = GrainInterfaceType.Create(InterfaceTypeName);

    public static string For(string ownerUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        return Prefix + ownerUserId;
    }

    public static string OwnerOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? grainKey[Prefix.Length..]
            : throw new ArgumentException($"'{grainKey}' is not a user-friends grain key.", nameof(grainKey));

    /// <remarks>
    /// Builds the grain ID from the fixed types: <c>GetGrain&lt;T&gt;(string)</c> derives the interface
    /// type from its name by reflection on every call, which the callback path paid per request.
    /// </remarks>
    public static IUserFriendsGrain GetUserFriendsGrain(this IGrainFactory grainFactory, string ownerUserId) =>
        (IUserFriendsGrain)grainFactory.GetGrain(GrainId.Create(GrainType, IdSpan.Create(For(ownerUserId))), InterfaceType);
}
