using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ApiBridge.Core.Rewriting.Processes;

/// <summary>
/// Turns a libc guest's fork followed at once by exec into a spawn. A .NET process cannot fork (the child would hold
/// one of the runtime's threads and could run no managed code), so the fork shim is ENOSYS; but most guests fork only
/// to start a program and wait for it, which needs no second copy of the guest. Where <see cref="ChildBranchWalk"/>
/// finds that the child branch only sets up exec's arguments and calls exec, the method is rewritten so:
/// <code>
/// int pid = ForkExec.fork_for_exec();   // was fork(): 0, and this thread's next exec spawns instead of replacing
/// (copies of the locals the child branch stores to)
/// back:
/// if (pid == 0) {                        // the guest's own code, untouched
///     execv(path, argv);                 // the guest's own call, through its own declaration: starts the child
///     (those locals put back)            // inserted: the parent never sees the child's stores…
///     pid = ForkExec.exec_spawned(127);  // …the child's pid (or an exited stand-in's when exec failed)…
///     goto back;                         // …taken back through the guest's checks, now as the parent
///     _exit(127);                        // no longer reached
/// }
/// waitpid(pid, …);
/// </code>
/// The jump goes back to just after the fork call with the pid where fork's result was, so whatever shape the
/// compiler gave the guest's checks, they now lead into the parent branch. Every other fork stays a call of the fork
/// shim (ENOSYS), and analysis says why. The rule applies on both hosts: on a Linux host forking the runtime is just
/// as unsafe, and the spawn is the same posix_spawn machinery either way.
/// </summary>
public static class ForkExecRule
{
    /// <summary>The status a child that failed to exec exits with when the guest's own is not a constant: the shell's and posix_spawn's.</summary>
    public const int DefaultFailedExitStatus = 127;

    private static readonly HashSet<string> ForkEntryPoints = new(StringComparer.Ordinal) { "fork", "vfork" };

    private static readonly HashSet<string> ExecEntryPoints = new(StringComparer.Ordinal)
    {
        "execv", "execve", "execvp", "execvpe", "fexecve", "execl", "execle", "execlp",
    };

    private static readonly HashSet<string> ExitEntryPoints = new(StringComparer.Ordinal) { "_exit", "_Exit", "exit" };

    /// <summary>Every fork call of the module and what a rewrite would make of it, without changing anything.</summary>
    public static IReadOnlyList<ForkSite> Survey(IEnumerable<ImportBinding> bindings, ShimCatalog catalog) =>
        Find(bindings, catalog).Select(f => f.Site).ToList();

    /// <summary>Turns every recognised fork+exec of the module into a spawn; returns every fork site and its fate.</summary>
    public static IReadOnlyList<ForkSite> Rewrite(ModuleDefinition module, IEnumerable<ImportBinding> bindings, ShimCatalog catalog)
    {
        var found = Find(bindings, catalog).ToList(); // all recognised (and located) before any body changes
        var spawns = found.Where(f => f.Site.Spawns).ToList();
        if (spawns.Count > 0)
        {
            var spawner = catalog.ForkExecSpawner!;
            var forkForExec = module.ImportReference(Method(spawner, "fork_for_exec"));
            var execSpawned = module.ImportReference(Method(spawner, "exec_spawned"));
            foreach (var inMethod in spawns.GroupBy(f => f.Caller))
            {
                var body = inMethod.Key.Body;
                body.SimplifyMacros(); // inserted code may push a short branch out of range
                foreach (var spawn in inMethod)
                    Apply(body, spawn, forkForExec, execSpawned);
                body.OptimizeMacros();
            }
        }
        return found.Select(f => f.Site).ToList();
    }

    private sealed record Found(ForkSite Site, MethodDefinition Caller, Instruction Fork, ChildBranchMatch? Child, bool ExecReturns, int FailedExitStatus);

    private static IEnumerable<Found> Find(IEnumerable<ImportBinding> bindings, ShimCatalog catalog)
    {
        var all = bindings.Where(b => b.Import.Family == PlatformFamily.Posix).ToList();
        var forks = all.Where(b => ForkEntryPoints.Contains(b.ResolvedEntryPoint)).ToList();
        if (forks.Count == 0)
            yield break;
        var execs = all.Where(b => ExecEntryPoints.Contains(b.ResolvedEntryPoint))
            .GroupBy(b => b.Import.UserFacingMethod).ToDictionary(g => g.Key, g => g.First());
        var exits = all.Where(b => ExitEntryPoints.Contains(b.ResolvedEntryPoint)).Select(b => b.Import.UserFacingMethod).ToHashSet();
        var claimedExecs = new HashSet<Instruction>(); // one exec call can be the spawn of one fork only
        foreach (var fork in forks)
        {
            foreach (var (caller, call) in fork.Import.SiteInstructions.Where(s => s.Call.OpCode == OpCodes.Call))
            {
                var location = CallLocation.At(caller, call);
                var refusal = Precondition(fork, catalog);
                if (refusal is not null)
                {
                    yield return new Found(new ForkSite(location, fork.ResolvedEntryPoint, null, refusal), caller, call, null, false, 0);
                    continue;
                }
                var match = ChildBranchWalk.Find(caller, call, callee => callee is MethodDefinition d && execs.ContainsKey(d));
                var exec = match.Exec is null ? null : execs[(MethodDefinition)match.Exec.Operand];
                var reason = match.Reason
                    ?? (exec!.Status != ImportStatus.Bound ? $"{exec.ResolvedEntryPoint} is not bound to a shim"
                    : !claimedExecs.Add(match.Exec!) ? $"its {exec.ResolvedEntryPoint} is also another fork's" : null);
                if (reason is not null)
                {
                    yield return new Found(new ForkSite(location, fork.ResolvedEntryPoint, null, reason), caller, call, null, false, 0);
                    continue;
                }
                var execCall = match.Exec!;
                var returns = ((MethodReference)execCall.Operand).ReturnType.MetadataType != MetadataType.Void;
                yield return new Found(new ForkSite(location, fork.ResolvedEntryPoint, exec!.ResolvedEntryPoint, null), caller, call, match, returns,
                    ExitStatusAfter(execCall, exits));
            }
        }
    }

    private static string? Precondition(ImportBinding fork, ShimCatalog catalog)
    {
        if (catalog.ForkExecSpawner is null)
            return "the shims have no fork+exec spawner";
        if (fork.Status != ImportStatus.Bound)
            return $"{fork.ResolvedEntryPoint} is not bound to a shim";
        var returns = fork.Import.UserFacingMethod.ReturnType;
        return returns.MetadataType == MetadataType.Int32 ? null : $"{fork.ResolvedEntryPoint} is declared returning {returns.FullName}, not int";
    }

    /// <summary>
    /// The status the guest's child branch exits with when exec returns (<c>_exit(126)</c> right after the call), so a
    /// failed exec looks to the parent's waitpid as it would natively; 127 when it is not a constant there.
    /// </summary>
    private static int ExitStatusAfter(Instruction execCall, HashSet<MethodDefinition> exits)
    {
        var at = execCall.Next;
        while (at is not null && (at.OpCode == OpCodes.Pop || at.OpCode == OpCodes.Nop))
            at = at.Next;
        if (at is null || at.Next is not { OpCode.Code: Code.Call } call)
            return DefaultFailedExitStatus;
        var callsExit = call.Operand is MethodDefinition d && exits.Contains(d)
            || call.Operand is MethodReference { Name: "Exit", DeclaringType.FullName: "System.Environment" };
        return callsExit && ConstantOf(at) is { } status ? status : DefaultFailedExitStatus;
    }

    private static int? ConstantOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldc_I4_M1 => -1,
        >= Code.Ldc_I4_0 and <= Code.Ldc_I4_8 => instruction.OpCode.Code - Code.Ldc_I4_0,
        Code.Ldc_I4_S => (sbyte)instruction.Operand,
        Code.Ldc_I4 => (int)instruction.Operand,
        _ => null,
    };

    private static void Apply(MethodBody body, Found spawn, MethodReference forkForExec, MethodReference execSpawned)
    {
        var il = body.GetILProcessor();
        var child = spawn.Child!;
        var back = spawn.Fork.Next;
        spawn.Fork.Operand = forkForExec;
        // What the child branch overwrites is kept at the fork and put back before the parent goes on: a forked child's
        // stores never reach its parent. (Stack-neutral, so they may sit between the call and the use of its result.)
        var restores = new List<(Instruction Load, Instruction Store)>();
        var cursor = spawn.Fork;
        foreach (var local in child.StoredLocals)
        {
            var copy = new VariableDefinition(local.VariableType);
            body.Variables.Add(copy);
            cursor = InsertAfter(il, cursor, il.Create(OpCodes.Ldloc, local));
            cursor = InsertAfter(il, cursor, il.Create(OpCodes.Stloc, copy));
            restores.Add((il.Create(OpCodes.Ldloc, copy), il.Create(OpCodes.Stloc, local)));
        }
        foreach (var argument in child.StoredArguments)
        {
            var copy = new VariableDefinition(argument.ParameterType);
            body.Variables.Add(copy);
            cursor = InsertAfter(il, cursor, il.Create(OpCodes.Ldarg, argument));
            cursor = InsertAfter(il, cursor, il.Create(OpCodes.Stloc, copy));
            restores.Add((il.Create(OpCodes.Ldloc, copy), il.Create(OpCodes.Starg, argument)));
        }
        cursor = child.Exec!;
        if (spawn.ExecReturns)
            cursor = InsertAfter(il, cursor, il.Create(OpCodes.Pop)); // exec's result: the parent gets the pid instead
        foreach (var (load, store) in restores)
        {
            cursor = InsertAfter(il, cursor, load);
            cursor = InsertAfter(il, cursor, store);
        }
        cursor = InsertAfter(il, cursor, il.Create(OpCodes.Ldc_I4, spawn.FailedExitStatus));
        cursor = InsertAfter(il, cursor, il.Create(OpCodes.Call, execSpawned));
        InsertAfter(il, cursor, il.Create(OpCodes.Br, back));
    }

    private static Instruction InsertAfter(ILProcessor il, Instruction after, Instruction inserted)
    {
        il.InsertAfter(after, inserted);
        return inserted;
    }

    private static MethodDefinition Method(TypeDefinition spawner, string name) =>
        spawner.Methods.SingleOrDefault(m => m.IsPublic && m.IsStatic && m.Name == name)
        ?? throw new Output.PayloadMismatchException($"{spawner.FullName} has no {name}");
}
