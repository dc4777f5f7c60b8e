using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Rewriting.Processes;

/// <summary>
/// Follows a guest method from just after its fork call as the forked child would, fork having answered 0, through
/// instructions that only compute (loads, stores to locals and arguments, constants, comparisons, arrays, string
/// building and a few allocation calls) up to the exec call the child branch makes. Branches are followed only where
/// their outcome is known, so the walk reads the guest's own <c>if (pid == 0)</c> whatever shape the compiler gave it
/// (Release <c>ldloc; brtrue</c>, Debug <c>ceq; stloc; ldloc; brfalse</c>, a <c>pid &lt; 0</c> check first, a
/// <c>dup</c>). The same walk with a positive fork result must then branch away before that exec: that is the parent,
/// which the rewritten code sends back through the guest's own checks.
/// </summary>
/// <remarks>
/// Why only "pure" set-up: the rewritten child branch runs in the guest's own process, the parent, up to exec, so
/// anything it does the parent would see (output, files, fields). Its only effects may be on the method's locals and
/// arguments, which the walk lists so the rewrite can put them back before the parent goes on, and on the arrays it
/// makes (a store into any other array ends the match) and native memory it fills for exec's arguments.
/// </remarks>
internal sealed class ChildBranchWalk
{
    private const int MaxSteps = 512;

    // Calls that compute or allocate and nothing else: what C# guests use to build exec's arguments.
    private static readonly HashSet<string> SetUpCalls = new(StringComparer.Ordinal)
    {
        "System.Runtime.InteropServices.Marshal::StringToHGlobalAnsi",
        "System.Runtime.InteropServices.Marshal::StringToHGlobalUni",
        "System.Runtime.InteropServices.Marshal::StringToCoTaskMemAnsi",
        "System.Runtime.InteropServices.Marshal::StringToCoTaskMemUTF8",
        "System.Runtime.InteropServices.Marshal::StringToCoTaskMemUni",
        "System.Runtime.InteropServices.Marshal::AllocHGlobal",
        "System.Runtime.InteropServices.Marshal::AllocCoTaskMem",
        "System.Runtime.InteropServices.Marshal::WriteIntPtr",
        "System.String::Concat",
        "System.String::Format",
        "System.String::Join",
        "System.Text.Encoding::get_UTF8",
        "System.Text.Encoding::GetBytes",
        "System.IntPtr::op_Explicit",
        "System.IntPtr::get_Size",
    };

    private readonly MethodDefinition method;
    private readonly Func<MethodReference, bool> isExec;
    private readonly Dictionary<Instruction, Instruction> childPath = new();
    private readonly HashSet<VariableDefinition> storedLocals = new();
    private readonly HashSet<int> storedArguments = new();

    private ChildBranchWalk(MethodDefinition method, Func<MethodReference, bool> isExec)
    {
        this.method = method;
        this.isExec = isExec;
    }

    /// <summary>The exec call the child branch of <paramref name="forkCall"/> makes, or why there is none to be sure of.</summary>
    public static ChildBranchMatch Find(MethodDefinition method, Instruction forkCall, Func<MethodReference, bool> isExec)
    {
        var walk = new ChildBranchWalk(method, isExec);
        var child = walk.Run(forkCall.Next, Value.Constant(0), parent: false);
        if (child.Exec is null)
            return new ChildBranchMatch(null, child.Reason);
        var parent = walk.Run(forkCall.Next, Value.ForkPid, parent: true);
        if (!parent.Diverged)
            return new ChildBranchMatch(null, parent.Reason ?? "the parent (a positive pid) does not branch away before exec");
        return new ChildBranchMatch(child.Exec, null)
        {
            StoredLocals = walk.storedLocals.ToList(),
            StoredArguments = walk.storedArguments.Select(walk.Parameter).ToList(),
        };
    }

    // IL's argument slot as a parameter ('this' is slot 0 of an instance method).
    private ParameterDefinition Parameter(int slot) =>
        method.HasThis ? (slot == 0 ? method.Body.ThisParameter : method.Parameters[slot - 1]) : method.Parameters[slot];

    private readonly record struct Outcome(Instruction? Exec, bool Diverged, string? Reason);

    private Outcome Run(Instruction? start, Value forkResult, bool parent)
    {
        var stack = new List<Value> { forkResult };
        var locals = new Dictionary<VariableDefinition, Value>();
        var arguments = new Dictionary<int, Value>();
        var at = start;
        for (var steps = 0; steps < MaxSteps && at is not null; steps++)
        {
            var instruction = at;
            var next = at.Next;
            switch (instruction.OpCode.Code)
            {
                case Code.Nop:
                    break;
                case Code.Ldc_I4_M1 or Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4_2 or Code.Ldc_I4_3 or Code.Ldc_I4_4
                    or Code.Ldc_I4_5 or Code.Ldc_I4_6 or Code.Ldc_I4_7 or Code.Ldc_I4_8 or Code.Ldc_I4_S or Code.Ldc_I4 or Code.Ldc_I8:
                    stack.Add(Value.Constant(ConstantOf(instruction)));
                    break;
                case Code.Ldc_R4 or Code.Ldc_R8 or Code.Ldnull or Code.Ldstr or Code.Ldsfld or Code.Sizeof:
                    stack.Add(Value.Unknown);
                    break;
                case Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3 or Code.Ldloc_S or Code.Ldloc:
                    stack.Add(locals.GetValueOrDefault(LocalOf(instruction), Value.Unknown));
                    break;
                case Code.Stloc_0 or Code.Stloc_1 or Code.Stloc_2 or Code.Stloc_3 or Code.Stloc_S or Code.Stloc:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    locals[LocalOf(instruction)] = Popped;
                    if (!parent)
                        storedLocals.Add(LocalOf(instruction));
                    break;
                case Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 or Code.Ldarg_S or Code.Ldarg:
                    stack.Add(arguments.GetValueOrDefault(ArgumentOf(instruction), Value.Unknown));
                    break;
                case Code.Starg_S or Code.Starg:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    arguments[ArgumentOf(instruction)] = Popped;
                    if (!parent)
                        storedArguments.Add(ArgumentOf(instruction));
                    break;
                case Code.Dup:
                    if (stack.Count == 0)
                        return Underflow(instruction);
                    stack.Add(stack[^1]);
                    break;
                case Code.Pop:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    break;
                case Code.Newarr:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    stack.Add(Value.NewArray);
                    break;
                case Code.Ldfld or Code.Ldlen or Code.Neg or Code.Not:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    stack.Add(Value.Unknown);
                    break;
                case Code.Conv_I or Code.Conv_I4 or Code.Conv_I8 or Code.Conv_U or Code.Conv_U8:
                    // A widening keeps what is known of the pid (a guest may compare it as a long or an nint).
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    stack.Add(Popped);
                    break;
                case Code.Conv_I1 or Code.Conv_I2 or Code.Conv_U1 or Code.Conv_U2 or Code.Conv_U4:
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    stack.Add(Value.Unknown);
                    break;
                case Code.Add or Code.Sub or Code.Mul or Code.And or Code.Or or Code.Xor or Code.Shl or Code.Shr or Code.Shr_Un
                    or Code.Ldelem_I or Code.Ldelem_I1 or Code.Ldelem_I2 or Code.Ldelem_I4 or Code.Ldelem_I8 or Code.Ldelem_U1
                    or Code.Ldelem_U2 or Code.Ldelem_U4 or Code.Ldelem_Ref or Code.Ldelem_Any:
                    if (!Pop(stack, 2))
                        return Underflow(instruction);
                    stack.Add(Value.Unknown);
                    break;
                case Code.Stelem_I or Code.Stelem_I1 or Code.Stelem_I2 or Code.Stelem_I4 or Code.Stelem_I8 or Code.Stelem_Ref or Code.Stelem_Any:
                    if (stack.Count < 3)
                        return Underflow(instruction);
                    // Only into an array the child branch made: the parent would see a store into one of its own.
                    if (!stack[^3].IsNewArray)
                        return new Outcome(null, false, $"the child branch stores into an array made before the fork (IL_{instruction.Offset:x4})");
                    Pop(stack, 3);
                    break;
                case Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un:
                {
                    if (stack.Count < 2)
                        return Underflow(instruction);
                    var order = Compare(stack[^2], stack[^1], instruction.OpCode.Code is Code.Cgt_Un or Code.Clt_Un);
                    stack.RemoveRange(stack.Count - 2, 2);
                    stack.Add(order is not { } o ? Value.Unknown : Value.Constant(instruction.OpCode.Code switch
                    {
                        Code.Ceq => o == 0 ? 1 : 0,
                        Code.Cgt or Code.Cgt_Un => o > 0 ? 1 : 0,
                        _ => o < 0 ? 1 : 0,
                    }));
                    break;
                }
                case Code.Br or Code.Br_S:
                    next = (Instruction)instruction.Operand;
                    break;
                case Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S:
                {
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    var order = Compare(Popped, Value.Constant(0), unsigned: true);
                    if (order is not { } o)
                        return Undecided(instruction);
                    var taken = (o != 0) == instruction.OpCode.Code is Code.Brtrue or Code.Brtrue_S;
                    next = taken ? (Instruction)instruction.Operand : instruction.Next;
                    break;
                }
                case Code.Beq or Code.Beq_S or Code.Bne_Un or Code.Bne_Un_S or Code.Bge or Code.Bge_S or Code.Bge_Un or Code.Bge_Un_S
                    or Code.Bgt or Code.Bgt_S or Code.Bgt_Un or Code.Bgt_Un_S or Code.Ble or Code.Ble_S or Code.Ble_Un or Code.Ble_Un_S
                    or Code.Blt or Code.Blt_S or Code.Blt_Un or Code.Blt_Un_S:
                {
                    if (stack.Count < 2)
                        return Underflow(instruction);
                    var name = instruction.OpCode.Code.ToString();
                    var order = Compare(stack[^2], stack[^1], name.Contains("_Un", StringComparison.Ordinal));
                    stack.RemoveRange(stack.Count - 2, 2);
                    if (order is not { } o)
                        return Undecided(instruction);
                    var taken = name[..3] switch
                    {
                        "Beq" => o == 0,
                        "Bne" => o != 0,
                        "Bge" => o >= 0,
                        "Bgt" => o > 0,
                        "Ble" => o <= 0,
                        _ => o < 0,
                    };
                    next = taken ? (Instruction)instruction.Operand : instruction.Next;
                    break;
                }
                case Code.Switch:
                {
                    if (!Pop(stack, 1))
                        return Underflow(instruction);
                    if (Popped.Known is not { } index)
                        return Undecided(instruction);
                    var targets = (Instruction[])instruction.Operand;
                    next = index >= 0 && index < targets.Length ? targets[index] : instruction.Next;
                    break;
                }
                case Code.Call:
                {
                    var callee = (MethodReference)instruction.Operand;
                    var arity = callee.Parameters.Count + (callee.HasThis && !callee.ExplicitThis ? 1 : 0);
                    if (isExec(callee))
                    {
                        if (parent)
                            return new Outcome(null, false, $"the parent (a positive pid) reaches {callee.Name} too");
                        if (!Pop(stack, arity))
                            return Underflow(instruction);
                        if (stack.Count != 0)
                            return new Outcome(null, false, $"the fork's result is still on the stack at {callee.Name}");
                        return new Outcome(instruction, false, null);
                    }
                    if (!SetUpCalls.Contains($"{callee.DeclaringType.FullName}::{callee.Name}"))
                        return new Outcome(null, false, $"the child branch calls {callee.DeclaringType.FullName}::{callee.Name} before exec");
                    if (!Pop(stack, arity))
                        return Underflow(instruction);
                    if (callee.ReturnType.MetadataType != MetadataType.Void)
                        stack.Add(Value.Unknown);
                    break;
                }
                default:
                    return new Outcome(null, false, $"the child branch does {instruction.OpCode.Name} at IL_{instruction.Offset:x4} before exec");
            }
            if (parent && Branches(instruction) && childPath.TryGetValue(instruction, out var childNext) && childNext != next)
                return new Outcome(null, true, null);
            if (!parent)
                childPath[instruction] = next!;
            at = next;
        }
        return new Outcome(null, false, at is null ? "the child branch ends without exec" : "no exec within the first instructions of the child branch");
    }

    private static bool Branches(Instruction instruction) => instruction.OpCode.FlowControl == FlowControl.Cond_Branch;

    private static Outcome Underflow(Instruction instruction) =>
        new(null, false, $"IL_{instruction.Offset:x4} uses the stack below the fork's result");

    private static Outcome Undecided(Instruction instruction) =>
        new(null, false, $"the branch at IL_{instruction.Offset:x4} does not depend on the fork's result alone");

    // The value the last Pop removed (one at a time is all the callers read).
    private Value Popped { get; set; }

    private bool Pop(List<Value> stack, int count)
    {
        if (stack.Count < count)
            return false;
        if (count > 0)
            Popped = stack[stack.Count - count];
        stack.RemoveRange(stack.Count - count, count);
        return true;
    }

    /// <summary>The sign of a − b when it is known: both constants, or the fork's positive pid against 0.</summary>
    private static int? Compare(Value a, Value b, bool unsigned)
    {
        if (a.Known is { } x && b.Known is { } y)
            return unsigned ? ((ulong)x).CompareTo((ulong)y) : x.CompareTo(y);
        if (a.IsForkPid && b.Known == 0)
            return 1;
        if (b.IsForkPid && a.Known == 0)
            return -1;
        return null;
    }

    private static long ConstantOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldc_I4_M1 => -1,
        Code.Ldc_I4_S => (sbyte)instruction.Operand,
        Code.Ldc_I4 => (int)instruction.Operand,
        Code.Ldc_I8 => (long)instruction.Operand,
        var code => code - Code.Ldc_I4_0,
    };

    private VariableDefinition LocalOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldloc_0 or Code.Stloc_0 => method.Body.Variables[0],
        Code.Ldloc_1 or Code.Stloc_1 => method.Body.Variables[1],
        Code.Ldloc_2 or Code.Stloc_2 => method.Body.Variables[2],
        Code.Ldloc_3 or Code.Stloc_3 => method.Body.Variables[3],
        _ => (VariableDefinition)instruction.Operand,
    };

    // Argument slots as IL numbers them (slot 0 is 'this' in an instance method).
    private int ArgumentOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldarg_0 => 0,
        Code.Ldarg_1 => 1,
        Code.Ldarg_2 => 2,
        Code.Ldarg_3 => 3,
        _ => ((ParameterDefinition)instruction.Operand).Index + (method.HasThis ? 1 : 0),
    };

    /// <summary>What the walk knows of one stack slot, local or argument.</summary>
    private readonly record struct Value(long? Known, bool IsForkPid, bool IsNewArray)
    {
        public static Value Unknown => default;

        /// <summary>The parent's fork result: some pid greater than 0.</summary>
        public static Value ForkPid => new(null, true, false);

        /// <summary>An array the child branch made (newarr), which it may fill.</summary>
        public static Value NewArray => new(null, false, true);

        public static Value Constant(long value) => new(value, false, false);
    }
}

/// <summary>The exec call a fork's child branch makes, or why the branch is not only an exec's set-up.</summary>
internal sealed record ChildBranchMatch(Instruction? Exec, string? Reason)
{
    /// <summary>The locals the walk stores to on its way (the fork's result among them): the parent must not see the child's values.</summary>
    public IReadOnlyList<VariableDefinition> StoredLocals { get; init; } = [];

    /// <summary>The arguments it stores to.</summary>
    public IReadOnlyList<ParameterDefinition> StoredArguments { get; init; } = [];
}
