using Microsoft.AspNetCore.Http.Features;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>
/// A user ID from a URL path segment. Kestrel decodes the path except <c>%2F</c>, which it leaves
/// encoded so that it cannot split segments; a route value with a '%' in it is therefore ambiguous
/// ("a%2Fb" may mean "a/b" or, from "a%252Fb", itself). Such values are decoded again from the raw
/// request target, so every ID, "/" and "%" included, round-trips through percent-encoding.
/// </summary>
public static class PathUserId
{
    /// <param name="routeValue">The route value as routing decoded it.</param>
    /// <param name="segmentFromEnd">Where the value sits in the path, counted from the end (last = 1).</param>
    public static string Resolve(HttpContext context, string routeValue, int segmentFromEnd)
    {
        if (!routeValue.Contains('%', StringComparison.Ordinal))
        {
            return routeValue;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            return routeValue;
        }

        var rawPath = rawTarget.Split('?', 2)[0];
        var rawSegments = (rawPath.EndsWith('/') ? rawPath[..^1] : rawPath).Split('/');
        if (segmentFromEnd > rawSegments.Length)
        {
            return routeValue;
        }

        var rawSegment = rawSegments[^segmentFromEnd];
        // If "." or ".." segments were normalised away, the raw segment may not be this value's.
        return DecodeLikeKestrel(rawSegment) == routeValue ? Uri.UnescapeDataString(rawSegment) : routeValue;
    }

    private static string DecodeLikeKestrel(string rawSegment) => Uri.UnescapeDataString(
        rawSegment.Replace("%2F", "%252F", StringComparison.Ordinal).Replace("%2f", "%252f", StringComparison.Ordinal));
}
