using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ApiBridge.Core.Rewriting.Members;

/// <summary>
/// The managed view's one pass over a guest module: every <c>call</c>, <c>callvirt</c>, <c>newobj</c>, <c>ldsfld</c>,
/// <c>ldftn</c> and <c>ldvirtftn</c> of a member of a platform-dependent BCL type is offered to the rules — first
/// the hand-written member shims of the guest's platform, then the generated path wrappers — and rewritten to call
/// what they answer. The BCL types themselves stay (guests hand <c>FileStream</c>s to other code); only the calls move.
/// </summary>
public sealed class MemberVisitor
{
    private readonly ModuleDefinition module;
    private readonly ManagedViewCatalog catalog;
    private readonly string platform;
    private readonly HashSet<string> types;
    private readonly PathWrappers? wrappers;
    private readonly Dictionary<string, (ManagedMemberStatus Status, string? Shim, int Sites)> uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CallLocation>> sites = new(StringComparer.Ordinal);
    private MethodDefinition? visiting;
    private bool locateSites;
    private readonly Dictionary<string, MethodReference?> targets = new(StringComparer.Ordinal);

    public MemberVisitor(ModuleDefinition module, ManagedViewCatalog catalog, string platform)
    {
        this.module = module;
        this.catalog = catalog;
        this.platform = platform;
        types = catalog.TypesWithShims(platform).ToHashSet(StringComparer.Ordinal);
        if (platform == GuestPlatformDetector.Windows)
            types.UnionWith(WindowsOnlyApis.Types);
        var translator = catalog.Translator(platform);
        if (translator is not null)
        {
            types.UnionWith(PathSurface.Types);
            wrappers = new PathWrappers(module, translator);
        }
    }

    /// <summary>True when the module references any type the managed view handles (cheap: the TypeRef table only).</summary>
    public bool Applies() => module.GetTypeReferences().Any(t => types.Contains(t.FullName));

    /// <summary>What the module uses, without changing it.</summary>
    public IReadOnlyList<ManagedMemberUse> Survey() => Walk(rewrite: false);

    /// <summary>Rewrites the module's call sites; returns what it used.</summary>
    public IReadOnlyList<ManagedMemberUse> Rewrite() => Walk(rewrite: true);

    private IReadOnlyList<ManagedMemberUse> Walk(bool rewrite)
    {
        if (!Applies())
            return Array.Empty<ManagedMemberUse>();
        locateSites = !rewrite; // a survey says where each use is; a rewrite only needs the counts
        // Only bodies that name a member of a handled type are opened (Key below asks the same of each instruction).
        var candidates = MethodBodyIndex.For(module)?.MethodsUsing(member =>
            member.DeclaringType is { } declaring && !member.IsGenericInstance && types.Contains(declaring));
        foreach (var type in module.GetTypes().ToList())
        {
            if (wrappers is not null && type == wrappers.Holder)
                continue;
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                if (candidates is null || MethodBodyIndex.Includes(candidates, method))
                    Visit(method, rewrite);
            }
        }
        return uses.Select(u =>
            {
                var separator = u.Key.IndexOf("::", StringComparison.Ordinal);
                return new ManagedMemberUse(u.Key[..separator], u.Key[(separator + 2)..], u.Value.Status, u.Value.Shim, u.Value.Sites)
                {
                    Sites = sites.TryGetValue(u.Key, out var located) ? located : Array.Empty<CallLocation>(),
                };
            })
            .OrderBy(u => u.Type, StringComparer.Ordinal).ThenBy(u => u.Member, StringComparer.Ordinal).ToList();
    }

    private void Visit(MethodDefinition method, bool rewrite)
    {
        var instructions = method.Body.Instructions;
        var changed = false;
        visiting = method;
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            var key = Key(instruction, out var typeName);
            if (key is null)
                continue;
            var target = Target(instruction, typeName!, key, rewrite);
            if (target is null || !rewrite)
                continue;
            if (!changed)
            {
                method.Body.SimplifyMacros();
                changed = true;
            }
            Replace(method.Body, instruction, target);
        }
        if (changed)
            method.Body.OptimizeMacros();
    }

    // "Type::MemberKey" for an instruction that touches a handled type, else null.
    private string? Key(Instruction instruction, out string? typeName)
    {
        typeName = null;
        TypeReference? declaring = null;
        switch (instruction.OpCode.Code)
        {
            case Code.Call or Code.Callvirt or Code.Newobj or Code.Ldftn or Code.Ldvirtftn when instruction.Operand is MethodReference method && method is not GenericInstanceMethod:
                if (instruction.Previous?.OpCode.Code == Code.Constrained)
                    return null; // a constrained call on a type parameter: the type is not known here
                declaring = method.DeclaringType;
                break;
            case Code.Ldsfld when instruction.Operand is FieldReference:
                declaring = ((FieldReference)instruction.Operand).DeclaringType;
                break;
        }
        // The type first: most calls are to types the view leaves alone, and a member key (every parameter's full
        // name) costs far more than this lookup; building one per call site was most of this pass's time.
        if (declaring is null || declaring is GenericInstanceType || !types.Contains(declaring.FullName))
            return null;
        typeName = declaring.FullName;
        var member = instruction.Operand is FieldReference field ? MemberKeys.OfFieldLoad(field) : MemberKeys.Of((MethodReference)instruction.Operand);
        return typeName + "::" + member;
    }

    private MethodReference? Target(Instruction instruction, string typeName, string key, bool rewrite)
    {
        if (!targets.TryGetValue(key, out var target))
        {
            var memberKey = key[(typeName.Length + 2)..];
            if (catalog.TryFind(platform, typeName, memberKey, out var shim) && Compatible(instruction, shim))
            {
                target = module.ImportReference(shim.Method);
                Record(key, ManagedMemberStatus.Shim, shim.DisplayName, instruction);
            }
            else if (wrappers is not null && instruction.Operand is MethodReference method && (rewrite ? (object?)wrappers.For(method) : wrappers.Plan(method)) is { } wrapper)
            {
                target = wrapper as MethodReference;
                Record(key, ManagedMemberStatus.PathsTranslated, null, instruction);
            }
            else if (WindowsOnlyApis.Types.Contains(typeName) && platform == GuestPlatformDetector.Windows)
            {
                target = null;
                Record(key, ManagedMemberStatus.NoShim, null, instruction);
            }
            else
            {
                target = null;
                Record(key, ManagedMemberStatus.Host, null, instruction);
            }
            targets[key] = target;
        }
        else
            Record(key, uses[key].Status, uses[key].Shim, instruction);
        return target;
    }

    // The shim must give back what the replaced member gives (a field load or getter: the field's type).
    private static bool Compatible(Instruction instruction, MemberShim shim) => instruction.Operand switch
    {
        FieldReference field => shim.Method.ReturnType.FullName == field.FieldType.FullName,
        MethodReference { Name: ".ctor" } => true,
        MethodReference method => shim.Method.ReturnType.FullName == method.ReturnType.FullName,
        _ => false,
    };

    private void Record(string key, ManagedMemberStatus status, string? shim, Instruction instruction)
    {
        var count = uses.TryGetValue(key, out var use) ? use.Sites : 0;
        uses[key] = (status, shim, count + 1);
        if (!locateSites)
            return;
        if (!sites.TryGetValue(key, out var located))
            sites[key] = located = new List<CallLocation>();
        located.Add(CallLocation.At(visiting!, instruction));
    }

    private static void Replace(MethodBody body, Instruction instruction, MethodReference target)
    {
        switch (instruction.OpCode.Code)
        {
            case Code.Ldftn:
                instruction.Operand = target;
                break;
            case Code.Ldvirtftn:
                // dup; ldvirtftn M → dup; pop; ldftn shim: the instance stays as the delegate's target, the static shim
                // (whose first parameter is that instance) becomes a delegate closed over it.
                instruction.OpCode = OpCodes.Pop;
                instruction.Operand = null;
                body.GetILProcessor().InsertAfter(instruction, Instruction.Create(OpCodes.Ldftn, target));
                break;
            default: // call, callvirt, newobj, ldsfld
                instruction.OpCode = OpCodes.Call;
                instruction.Operand = target;
                break;
        }
    }
}
