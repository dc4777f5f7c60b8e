using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Analysis;

/// <summary>
/// One place in a guest's code that calls a platform API: the calling method and IL offset, and the source file,
/// line and column from the assembly's PDB when it has one (IDEs and code-scanning tools point there).
/// </summary>
public sealed record CallLocation(string Method, int IlOffset, string? Document, int Line, int Column)
{
    /// <summary>True when the PDB placed the call on a source line.</summary>
    public bool HasSource => Document is not null && Line > 0;

    /// <summary>The site of <paramref name="instruction"/> in <paramref name="caller"/>, read from an unmodified body.</summary>
    public static CallLocation At(MethodDefinition caller, Instruction instruction)
    {
        var name = $"{caller.DeclaringType.FullName}::{caller.Name}";
        var point = StatementOf(caller, instruction.Offset);
        return point is null
            ? new CallLocation(name, instruction.Offset, null, 0, 0)
            : new CallLocation(name, instruction.Offset, point.Document.Url, point.StartLine, point.StartColumn);
    }

    // A call is rarely the first instruction of its statement: the statement is the last visible sequence point at or
    // before the call's offset (hidden points, line 0xFEEFEE, belong to compiler-generated code).
    private static SequencePoint? StatementOf(MethodDefinition caller, int offset)
    {
        if (!caller.DebugInformation.HasSequencePoints)
            return null;
        SequencePoint? found = null;
        foreach (var point in caller.DebugInformation.SequencePoints)
        {
            if (point.Offset > offset)
                break;
            if (!point.IsHidden)
                found = point;
        }
        return found;
    }
}
