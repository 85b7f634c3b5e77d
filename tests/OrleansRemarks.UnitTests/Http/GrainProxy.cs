using System.Reflection;

namespace OrleansRemarks.UnitTests.Http;

/// <summary>A grain reference stand-in whose every call is answered by one function (a <see cref="DispatchProxy"/>).</summary>
public class GrainProxy : DispatchProxy
{
    private static readonly MethodInfo FromExceptionOfT =
        typeof(Task).GetMethods().Single(method => method.Name == nameof(Task.FromException) && method.IsGenericMethodDefinition);

    private Func<MethodInfo, object?[], object?> _answer = (method, _) => throw new NotSupportedException(method.Name);

    public static TGrain Create<TGrain>(Func<MethodInfo, object?[], object?> answer)
        where TGrain : class
    {
        var grain = Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)grain)._answer = answer;
        return grain;
    }

    /// <summary>A grain every call of which fails with <paramref name="failure"/>, as a call to an unreachable cluster does.</summary>
    public static TGrain Failing<TGrain>(Exception failure)
        where TGrain : class =>
        Create<TGrain>((method, _) => method.ReturnType.IsGenericType
            ? FromExceptionOfT.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure])
            : Task.FromException(failure));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => _answer(targetMethod!, args ?? []);
}
