using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace OrleansRemarks.WebFront.Cluster;

/// <summary>Sorts an exception from a grain call into what the caller should be told.</summary>
public static class GrainCallFailure
{
    public static GrainCallFailureKind Classify(Exception exception)
    {
        if (exception is ArgumentException || SelfAndInner(exception).Any(IsDataException))
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

    /// <summary>
    /// SQLSTATE class 22 ("data exception": a value PostgreSQL cannot take, e.g. a NUL in text) fails
    /// the same way on every retry, so it is the request's fault, never "unavailable". Orleans carries
    /// a <see cref="PostgresException"/> from the silo, but without its fields: only its message,
    /// "{SQLSTATE}: {text}", still holds the code.
    /// </summary>
    private static bool IsDataException(Exception exception) =>
        exception is PostgresException postgres && SqlStateOf(postgres) is ['2', '2', _, _, _];

    private static string SqlStateOf(PostgresException exception) =>
        !string.IsNullOrEmpty(exception.SqlState) ? exception.SqlState
        : exception.Message is [_, _, _, _, _, ':', ..] message ? message[..5]
        : "";

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

/// <summary>What <see cref="GrainCallFailure.Classify"/> tells the caller.</summary>
public enum GrainCallFailureKind
{
    /// <summary>The grain refused the input (it threw <see cref="ArgumentException"/>), or PostgreSQL refused a value (SQLSTATE class 22).</summary>
    InvalidInput,

    /// <summary>Storage, the cluster or the network failed; the same call may succeed later.</summary>
    Unavailable,

    /// <summary>Anything else: a bug, not a condition to wait out.</summary>
    Internal,
}
