using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// Marks an adapter <c>AggressiveInlining</c> when the JIT can inline it at all: no pinned local (the JIT never inlines
/// a method with one) and no exception handler. Such an adapter is a few loads, the shim call and the last-error
/// bookkeeping; inlined into the guest's caller it stops costing a call of its own, which for a per-call conversion
/// like FileTimeToSystemTime is a large share of the bridge's overhead (issue 17). Its tracing block sits behind a
/// <c>static readonly</c> flag that the JIT folds, so with tracing off the inlined copy carries none of it.
/// </summary>
internal static class AdapterInlining
{
    // A declaration the guest marked NoInlining keeps its wish.
    public static bool Applies(MethodDefinition adapter) =>
        !adapter.NoInlining && !adapter.Body.HasExceptionHandlers && !adapter.Body.Variables.Any(v => v.VariableType.IsPinned);

    public static void Apply(MethodDefinition adapter)
    {
        if (Applies(adapter))
            adapter.ImplAttributes |= MethodImplAttributes.AggressiveInlining;
    }
}
