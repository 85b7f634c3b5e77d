using System.Data.Common;
using System.Net.Sockets;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>Sorts an exception from a grain call into what the caller should be told.</summary>
public static class GrainCallFailure
{
    public static GrainCallFailureKind Classify(Exception exception)
    {
        if (exception is ArgumentException)
        {
            return GrainCallFailureKind.InvalidInput;
        }

        return SelfAndInner(exception).Any(IsTransient)
            ? GrainCallFailureKind.Unavailable
            : GrainCallFailureKind.Internal;
    }

    /// <summary>
    /// Orleans' own exceptions (silo unavailable, message rejected, storage inconsistency, exceptions
    /// it could not deserialize) all derive from <see cref="OrleansException"/>; PostgreSQL failures
    /// are <see cref="DbException"/>s from Npgsql.
    /// </summary>
    private static bool IsTransient(Exception exception) => exception is
        OrleansException or
        TimeoutException or
        DbException or
        SocketException or
        IOException;

    private static IEnumerable<Exception> SelfAndInner(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
