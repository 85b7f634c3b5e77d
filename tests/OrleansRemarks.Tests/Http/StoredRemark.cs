using System.Globalization;
using System.Text.Json;

namespace OrleansRemarks.Tests.Http;

/// <summary>One remark as the query API returns it; <see cref="UpdatedAtText"/> is kept verbatim.</summary>
public sealed record StoredRemark(string OwnerUserId, string FriendUserId, string Remark, string UpdatedAtText)
{
    public DateTimeOffset UpdatedAt => DateTimeOffset.Parse(UpdatedAtText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Reads an item and checks it has exactly the four documented fields, all strings.</summary>
    public static StoredRemark From(JsonElement item)
    {
        Assert.Equal(["friendUserID", "ownerUserID", "remark", "updatedAt"], item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var updatedAt = item.GetProperty("updatedAt").GetString()!;
        Assert.EndsWith("Z", updatedAt);
        return new StoredRemark(
            item.GetProperty("ownerUserID").GetString()!,
            item.GetProperty("friendUserID").GetString()!,
            item.GetProperty("remark").GetString()!,
            updatedAt);
    }
}
