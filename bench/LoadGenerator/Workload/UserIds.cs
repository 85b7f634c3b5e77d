using System.Globalization;

namespace OrleansRemarks.Bench.LoadGenerator.Workload;

/// <summary>Numeric user IDs, as most OpenIM deployments have them.</summary>
public static class UserIds
{
    public static string Owner(int index) => (1_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string Friend(int index) => (2_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string LargeOwner => "3000000001";

    public static string SmallOwner => "3000000002";

    /// <summary>A large owner whose remarks are Chinese with emoji.</summary>
    public static string NonAsciiOwner => "3000000003";

    public static string OwnedFriend(int index) => (4_000_000_000L + index).ToString(CultureInfo.InvariantCulture);
}
