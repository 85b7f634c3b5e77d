using System.Globalization;
using OrleansRemarks.Grains.Interfaces;

namespace OrleansRemarks.WebFront.Queries;

public static class PageLimit
{
    public const int Default = 100;

    public const int Max = RemarkLimits.MaxPageSize;

    /// <summary>Absent means <see cref="Default"/>; otherwise plain decimal digits from 1 to <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out int limit)
    {
        if (text is null)
        {
            limit = Default;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Max;
    }
}
