using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using CecilMethod = Mono.Cecil.MethodDefinition;
using CecilModule = Mono.Cecil.ModuleDefinition;
using SrmOperandType = System.Reflection.Emit.OperandType;

namespace ApiBridge.Core.Analysis;

/// <summary>
/// Which methods of a module mention which members in their IL, read from the image's raw method bodies with
/// System.Reflection.Metadata. The passes over method bodies (the call graph, the managed view's visitor, direct call
/// sites) ask it for the few methods that can matter and open only those through Cecil: asking Cecil for a body decodes
/// it, and Cecil then re-encodes every decoded body when it writes the module, where an untouched body is copied nearly
/// as it is. So an index answer must hold every method the pass would act on (more is harmless, fewer is a bug).
/// </summary>
public sealed class MethodBodyIndex
{
    private static readonly ConditionalWeakTable<CecilModule, MethodBodyIndex?> Indexes = new();

    // Operand sizes of every IL opcode, by its value (one-byte opcodes 0x00..0xFF, two-byte ones 0xFE00.. at 0x100+).
    private static readonly SrmOperandType?[] OperandTypes = BuildOperandTypes();

    // Read only while the index is built: the image's memory goes with the PEReader, so every member is described
    // up front into managed strings (each pass then asks without touching the file again).
    private readonly MetadataReader reader;
    private readonly Guid mvid;
    // Member token (MethodDef, MemberRef, MethodSpec, FieldDef) → the RIDs of the MethodDefs whose bodies use it:
    // every InlineMethod operand, and the operand of ldsfld (the only field access the passes act on).
    private readonly Dictionary<int, List<int>> usersByToken = new();
    private readonly List<(IndexedMember Member, List<int> Users)> members = new();
    // Bodies the scan could not read to the end (an opcode it does not know, a damaged header): always candidates.
    private readonly List<int> unindexed = new();
    private Dictionary<string, List<int>>? usersByName;

    private MethodBodyIndex(PEReader image)
    {
        reader = image.GetMetadataReader();
        foreach (var handle in reader.MethodDefinitions)
        {
            var definition = reader.GetMethodDefinition(handle);
            if (definition.RelativeVirtualAddress == 0 || (definition.ImplAttributes & MethodImplAttributes.CodeTypeMask) != MethodImplAttributes.IL)
                continue;
            var rid = MetadataTokens.GetRowNumber(handle);
            try
            {
                if (!Scan(image.GetMethodBody(definition.RelativeVirtualAddress).GetILReader(), rid))
                    unindexed.Add(rid);
            }
            catch (Exception error) when (error is BadImageFormatException or ArgumentOutOfRangeException or OverflowException)
            {
                unindexed.Add(rid);
            }
        }
        foreach (var (token, users) in usersByToken)
            members.Add((Describe(token), users));
        mvid = reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }

    /// <summary>
    /// The module's index, built once per module from the file it was read from; null when that file cannot be read
    /// as the module's image (then every method is a candidate, as before the index).
    /// </summary>
    public static MethodBodyIndex? For(CecilModule module) => Indexes.GetValue(module, Build);

    private static MethodBodyIndex? Build(CecilModule module)
    {
        if (string.IsNullOrEmpty(module.FileName) || !File.Exists(module.FileName))
            return null;
        try
        {
            using var image = new PEReader(File.OpenRead(module.FileName), PEStreamOptions.PrefetchEntireImage);
            var index = new MethodBodyIndex(image);
            // The file must still be the image Cecil read (same MVID), or the RIDs would point at other methods.
            return index.mvid == module.Mvid ? index : null;
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The RIDs of the methods whose bodies use a member <paramref name="matches"/> accepts.</summary>
    public HashSet<int> MethodsUsing(Func<IndexedMember, bool> matches)
    {
        var methods = new HashSet<int>(unindexed);
        foreach (var (member, users) in members)
        {
            if (matches(member))
                methods.UnionWith(users);
        }
        return methods;
    }

    /// <summary>The RIDs of the methods whose bodies use a member named <paramref name="name"/> (any declaring type).</summary>
    public HashSet<int> MethodsUsingName(string name)
    {
        if (usersByName is null)
        {
            // Built on the first question: the call graph asks once per bound import, hundreds of times in a large module.
            usersByName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var (member, users) in members)
            {
                if (!usersByName.TryGetValue(member.Name, out var named))
                    usersByName[member.Name] = named = new List<int>();
                named.AddRange(users);
            }
        }
        var methods = new HashSet<int>(unindexed);
        if (usersByName.TryGetValue(name, out var found))
            methods.UnionWith(found);
        return methods;
    }

    /// <summary>
    /// Whether the pass should open <paramref name="method"/>: it is among <paramref name="rids"/>, or the rewrite made
    /// it (no row in the image, so the index never saw its body).
    /// </summary>
    public static bool Includes(HashSet<int> rids, CecilMethod method) => method.MetadataToken.RID == 0 || rids.Contains((int)method.MetadataToken.RID);

    // False when the body holds something the scan does not know.
    private bool Scan(BlobReader il, int methodRid)
    {
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE)
                code = 0x100 | il.ReadByte();
            var operand = code < OperandTypes.Length ? OperandTypes[code] : null;
            if (operand is null)
                return false;
            switch (operand.Value)
            {
                case SrmOperandType.InlineNone:
                    break;
                case SrmOperandType.ShortInlineBrTarget or SrmOperandType.ShortInlineI or SrmOperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case SrmOperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case SrmOperandType.InlineI8 or SrmOperandType.InlineR:
                    il.Offset += 8;
                    break;
                case SrmOperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case SrmOperandType.InlineMethod:
                    Record(il.ReadInt32(), methodRid);
                    break;
                case SrmOperandType.InlineField when code == 0x7E: // ldsfld
                    Record(il.ReadInt32(), methodRid);
                    break;
                default: // every other operand is four bytes (tokens, 32-bit constants and branches, float32)
                    il.Offset += 4;
                    break;
            }
        }
        return true;
    }

    private void Record(int token, int methodRid)
    {
        if (!usersByToken.TryGetValue(token, out var users))
            usersByToken[token] = users = new List<int>(1);
        if (users.Count == 0 || users[^1] != methodRid)
            users.Add(methodRid);
    }

    private IndexedMember Describe(int token)
    {
        var handle = MetadataTokens.EntityHandle(token);
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return new IndexedMember(reader.GetString(method.Name), TypeName(method.GetDeclaringType()), false, MetadataTokens.GetRowNumber(handle));
            }
            case HandleKind.FieldDefinition:
            {
                var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return new IndexedMember(reader.GetString(field.Name), TypeName(field.GetDeclaringType()), false, null);
            }
            case HandleKind.MemberReference:
            {
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                var parent = member.Parent;
                string? declaring = parent.Kind switch
                {
                    HandleKind.TypeReference => TypeName((TypeReferenceHandle)parent),
                    HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)parent),
                    _ => null,
                };
                return new IndexedMember(reader.GetString(member.Name), declaring, parent.Kind == HandleKind.TypeSpecification, null);
            }
            case HandleKind.MethodSpecification:
            {
                var generic = reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method;
                var inner = Describe(MetadataTokens.GetToken(generic));
                return inner with { IsGenericInstance = true };
            }
            default:
                return new IndexedMember("", null, false, null);
        }
    }

    // Cecil's FullName spelling: "Namespace.Name", nested types as "Outer/Inner".
    private string TypeName(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
            return TypeName(declaring) + "/" + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string TypeName(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeName((TypeReferenceHandle)type.ResolutionScope) + "/" + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static SrmOperandType?[] BuildOperandTypes()
    {
        var table = new SrmOperandType?[0x200];
        foreach (var field in typeof(System.Reflection.Emit.OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not System.Reflection.Emit.OpCode opcode)
                continue;
            var value = (ushort)opcode.Value;
            var slot = opcode.Size == 1 ? value : 0x100 | (value & 0xFF);
            table[slot] = opcode.OperandType;
        }
        return table;
    }
}

/// <summary>
/// A member an IL operand names, as far as the metadata tells without resolving: its name, its declaring type's full
/// name (null when the parent is a type specification, such as a generic instance), whether it is a generic method
/// instance, and its MethodDef RID when it is a method of the module itself.
/// </summary>
public readonly record struct IndexedMember(string Name, string? DeclaringType, bool DeclaredOnTypeSpec, int? MethodDefRid)
{
    public bool IsGenericInstance { get; init; }
}
