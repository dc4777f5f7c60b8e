using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Points the guest's <c>call</c>s of P/Invokes that <see cref="DirectCall"/> allows at their shims. Only direct
/// calls change: <c>ldftn</c> (delegates) and reflection still reach the declaration, whose adapter forwards to the
/// same shim, so every way in behaves alike.
/// </summary>
internal static class DirectCallSites
{
    /// <returns>How many call sites now call a shim directly.</returns>
    public static int Rewrite(ModuleDefinition module, IEnumerable<ImportBinding> bound)
    {
        var shims = new Dictionary<MethodDefinition, MethodReference>();
        foreach (var binding in bound)
            if (DirectCall.Applies(binding.Plan!))
                shims[binding.Import.Method] = module.ImportReference(binding.Shim!.Method);
        if (shims.Count == 0)
            return 0;
        var rewritten = 0;
        // Only bodies that call one of the declarations are opened (the others stay undecoded, so Cecil copies them).
        var declarations = shims.Keys.Select(m => (int)m.MetadataToken.RID).ToHashSet();
        var callers = MethodBodyIndex.For(module)?.MethodsUsing(member => member.MethodDefRid is { } rid && declarations.Contains(rid));
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            if (callers is not null && !MethodBodyIndex.Includes(callers, method))
                continue;
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode == OpCodes.Call && instruction.Operand is MethodDefinition callee && shims.TryGetValue(callee, out var shim))
                {
                    instruction.Operand = shim;
                    rewritten++;
                }
            }
        }
        return rewritten;
    }
}
