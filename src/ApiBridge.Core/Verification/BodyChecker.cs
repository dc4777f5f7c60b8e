using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Verification;

/// <summary>
/// Checks a method body the way the JIT's importer would reject it: every branch target inside the body,
/// one stack depth per instruction on all paths, no underflow, an empty stack at protected-region entries and
/// <c>leave</c>, exactly the return value at <c>ret</c>, and every operand resolvable against the module's
/// references. Microsoft.ILVerification is not available here; this, plus force-compiling the output
/// (<see cref="MethodCompiler"/>), is what ApiBridge checks its own output with.
/// </summary>
public static class BodyChecker
{
    public static IReadOnlyList<string> Check(MethodDefinition method, bool resolveOperands = true)
    {
        var problems = new List<string>();
        if (!method.HasBody)
            return problems;
        var body = method.Body;
        var instructions = body.Instructions;
        var index = new Dictionary<Instruction, int>();
        for (var i = 0; i < instructions.Count; i++)
            index[instructions[i]] = i;

        var depth = new int?[instructions.Count];
        var pending = new Stack<(int At, int Depth)>();
        void Flow(Instruction? target, int stack, string what)
        {
            if (target is null || !index.TryGetValue(target, out var at))
            {
                problems.Add($"{what}: target outside the body");
                return;
            }
            if (depth[at] is int known)
            {
                if (known != stack)
                    problems.Add($"IL_{target.Offset:x4}: stack depth {stack} meets {known} on another path");
                return;
            }
            depth[at] = stack;
            pending.Push((at, stack));
        }

        if (instructions.Count > 0)
            Flow(instructions[0], 0, "entry");
        foreach (var handler in body.ExceptionHandlers)
        {
            Flow(handler.TryStart, 0, "try start");
            var handlerDepth = handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter ? 1 : 0;
            Flow(handler.HandlerStart, handlerDepth, "handler start");
            if (handler.FilterStart is not null)
                Flow(handler.FilterStart, 1, "filter start");
        }

        var returnsValue = method.ReturnType.MetadataType != MetadataType.Void;
        while (pending.Count > 0)
        {
            var (at, stack) = pending.Pop();
            var instruction = instructions[at];
            var (pops, pushes) = StackEffect(instruction, method);
            if (instruction.OpCode.Code == Code.Ret)
            {
                var expected = returnsValue ? 1 : 0;
                if (stack != expected)
                    problems.Add($"IL_{instruction.Offset:x4}: ret with {stack} values on the stack, expected {expected}");
                continue;
            }
            if (pops < 0)
                pops = stack; // leave / endfinally / throw empty the stack
            if (stack < pops)
            {
                problems.Add($"IL_{instruction.Offset:x4}: {instruction.OpCode.Name} pops {pops} from a stack of {stack}");
                continue;
            }
            var after = stack - pops + pushes;
            if (resolveOperands && Unresolvable(instruction.Operand) is { } unresolved)
                problems.Add($"IL_{instruction.Offset:x4}: {instruction.OpCode.Name} operand {unresolved} cannot be resolved");

            switch (instruction.OpCode.FlowControl)
            {
                case FlowControl.Branch:
                    Flow(instruction.Operand as Instruction, instruction.OpCode.Code is Code.Leave or Code.Leave_S ? 0 : after, $"IL_{instruction.Offset:x4}");
                    continue;
                case FlowControl.Cond_Branch:
                    if (instruction.Operand is Instruction[] targets)
                    {
                        foreach (var target in targets)
                            Flow(target, after, $"IL_{instruction.Offset:x4}");
                    }
                    else
                        Flow(instruction.Operand as Instruction, after, $"IL_{instruction.Offset:x4}");
                    break;
                case FlowControl.Throw:
                case FlowControl.Return:
                    continue;
            }
            if (instruction.OpCode.Code is Code.Endfinally or Code.Endfilter)
                continue;
            if (at + 1 >= instructions.Count)
            {
                problems.Add($"IL_{instruction.Offset:x4}: execution falls off the end of the body");
                continue;
            }
            Flow(instructions[at + 1], after, $"IL_{instruction.Offset:x4}");
        }
        return problems;
    }

    /// <summary>Values popped and pushed; pops -1 means "the whole stack".</summary>
    private static (int Pops, int Pushes) StackEffect(Instruction instruction, MethodDefinition method)
    {
        var code = instruction.OpCode;
        if (code.Code is Code.Leave or Code.Leave_S or Code.Endfinally or Code.Throw or Code.Rethrow)
            return (-1, 0);
        if (code.Code is Code.Call or Code.Callvirt or Code.Newobj or Code.Calli)
        {
            var signature = (IMethodSignature)instruction.Operand;
            var pops = signature.Parameters.Count;
            if (code.Code == Code.Calli)
                pops++;
            if (signature.HasThis && code.Code != Code.Newobj)
                pops++;
            var pushes = code.Code == Code.Newobj || signature.ReturnType.MetadataType != MetadataType.Void ? 1 : 0;
            return (pops, pushes);
        }
        if (code.Code == Code.Ret)
            return (method.ReturnType.MetadataType == MetadataType.Void ? 0 : 1, 0);
        return (Count(code.StackBehaviourPop), Count(code.StackBehaviourPush));
    }

    private static int Count(StackBehaviour behaviour) => behaviour switch
    {
        StackBehaviour.Pop0 or StackBehaviour.Push0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref or StackBehaviour.Push1 or StackBehaviour.Pushi
            or StackBehaviour.Pushi8 or StackBehaviour.Pushr4 or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
            or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi
            or StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8
            or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref => 3,
        _ => 0,
    };

    private static string? Unresolvable(object? operand)
    {
        try
        {
            return operand switch
            {
                MethodReference method when method.Resolve() is null => method.FullName,
                FieldReference field when field.Resolve() is null => field.FullName,
                TypeReference type when type is not GenericParameter && !type.IsPointer && !type.IsByReference && type.Resolve() is null => type.FullName,
                _ => null,
            };
        }
        catch (AssemblyResolutionException error)
        {
            return $"{operand} (assembly {error.AssemblyReference.Name} not found)";
        }
    }
}
