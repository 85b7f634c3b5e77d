using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace OrleansRemarks.WebFront.Queries;

/// <summary>
/// User IDs in URL path segments, exactly as the client percent-encoded them. Kestrel decodes the path
/// except <c>%2F</c>, which it leaves encoded so that it cannot split segments; a route value with a
/// '%' in it is therefore ambiguous ("a%2Fb" may mean "a/b" or, from "a%252Fb", itself). Such values
/// are decoded again from the raw request target, so every ID, "/" and "%" included, round-trips
/// through percent-encoding, and handlers simply take the bound route parameter.
/// </summary>
public static class PathUserIds
{
    /// <summary>
    /// Gives every <see cref="string"/> route parameter of the handlers in <paramref name="builder"/>
    /// its value decoded from the raw request target (query string parameters are left alone).
    /// </summary>
    public static TBuilder WithExactPathUserIds<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var strings = factory.MethodInfo.GetParameters()
                .Where(parameter => parameter.ParameterType == typeof(string) && parameter.Name is not null)
                .Select(parameter => (parameter.Position, Name: parameter.Name!))
                .ToArray();
            if (strings.Length == 0)
            {
                return next;
            }

            return context =>
            {
                foreach (var (position, name) in strings)
                {
                    if (context.Arguments[position] is string value && value.Contains('%', StringComparison.Ordinal))
                    {
                        context.Arguments[position] = Resolve(context.HttpContext, name, value);
                    }
                }

                return next(context);
            };
        });

    /// <summary>The route value of <paramref name="parameterName"/> decoded from the raw target; <paramref name="routeValue"/> when that cannot be told.</summary>
    private static string Resolve(HttpContext context, string parameterName, string routeValue)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern } ||
            SegmentFromEnd(pattern, parameterName) is not { } segmentFromEnd)
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

    /// <summary>Where the parameter sits in the route, counted from the end (last = 1), or null when it is not a whole segment of it.</summary>
    private static int? SegmentFromEnd(RoutePattern pattern, string parameterName)
    {
        var segments = pattern.PathSegments;
        for (var index = 0; index < segments.Count; index++)
        {
            if (segments[index].Parts is [RoutePatternParameterPart part] &&
                string.Equals(part.Name, parameterName, StringComparison.OrdinalIgnoreCase))
            {
                return segments.Count - index;
            }
        }

        return null;
    }

    private static string DecodeLikeKestrel(string rawSegment) => Uri.UnescapeDataString(
        rawSegment.Replace("%2F", "%252F", StringComparison.Ordinal).Replace("%2f", "%252f", StringComparison.Ordinal));
}
