using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Rewriting.Native;

/// <summary>How a native path argument is passed, and so how it is read and rewritten.</summary>
public enum NativePathEncoding
{
    /// <summary>A <see cref="string"/> the marshaller converts after the translation (any CharSet).</summary>
    String,

    /// <summary>A NUL-terminated UTF-8 pointer (<c>byte*</c>, <c>sbyte*</c>, or <c>IntPtr</c> in the table).</summary>
    Utf8Pointer,

    /// <summary>A NUL-terminated UTF-16 pointer (<c>char*</c>, or <c>IntPtr</c> in the table).</summary>
    Utf16Pointer,
}

/// <summary>One parameter of a native declaration that carries a file path.</summary>
public sealed record NativePathParameter(int Index, string Name, NativePathEncoding Encoding, bool FromTable);

/// <summary>
/// Which parameters of a P/Invoke into a library the bridge does not shim are file paths the guest wrote in its own
/// platform's form. Two sources: a table of well-known functions whose path argument is known by position and
/// encoding (so an <c>IntPtr</c> there is known to be a string), and, for everything else, a deliberately narrow
/// name heuristic on string-shaped parameters only — an <c>IntPtr</c> named "file" may as well be a handle.
/// </summary>
public static class NativePathParameters
{
    // Entry point → (parameter index, encoding when the declaration passes a pointer or IntPtr).
    private static readonly Dictionary<string, (int Index, NativePathEncoding Pointer)> WellKnown = new(StringComparer.Ordinal)
    {
        ["sqlite3_open"] = (0, NativePathEncoding.Utf8Pointer),
        ["sqlite3_open_v2"] = (0, NativePathEncoding.Utf8Pointer),
        ["sqlite3_open16"] = (0, NativePathEncoding.Utf16Pointer),
    };

    // Whole names (after the [LibraryImport] generator's "__" prefix and "_native" suffix are taken off).
    private static readonly HashSet<string> PathNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "path", "filename", "file", "filepath", "pathname", "dir", "dirname", "directory", "folder",
    };

    /// <summary>Native libraries that are never a guest's own: the runtime's (libSystem.Native …), already given host paths by the BCL.</summary>
    public static bool IsRuntimeLibrary(string library) =>
        library.StartsWith("libsystem.", StringComparison.Ordinal) || library.StartsWith("system.", StringComparison.Ordinal)
        || library is "libclrjit" or "libcoreclr" or "coreclr" or "clrjit" or "libhostpolicy" or "hostpolicy";

    /// <summary>
    /// For the metadata-only probe: whether a declaration of <paramref name="entryPoint"/> in the non-shimmed
    /// <paramref name="library"/> (normalized) could have a path parameter, by the table or its parameters' names
    /// (their types are left to <see cref="Of"/>, after the full read).
    /// </summary>
    public static bool MayHavePath(string library, string entryPoint, IEnumerable<string> parameterNames) =>
        !IsRuntimeLibrary(library) && (WellKnown.ContainsKey(entryPoint) || parameterNames.Any(n => PathNames.Contains(BareName(n)) || EndsWithPathWord(n)));

    /// <summary>The path parameters of <paramref name="import"/>; empty when it is not a candidate at all.</summary>
    public static IReadOnlyList<NativePathParameter> Of(PlatformImport import)
    {
        if (import.Family != PlatformFamily.Other || IsRuntimeLibrary(import.Library))
            return Array.Empty<NativePathParameter>();
        var method = import.Method;
        var result = new List<NativePathParameter>();
        WellKnown.TryGetValue(import.DeclaredEntryPoint, out var known);
        var hasKnown = WellKnown.ContainsKey(import.DeclaredEntryPoint);
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            var fromTable = hasKnown && known.Index == i;
            if (!fromTable && !PathNames.Contains(BareName(parameter.Name)) && !EndsWithPathWord(parameter.Name))
                continue;
            if (Encoding(parameter, fromTable ? known.Pointer : null) is { } encoding)
                result.Add(new NativePathParameter(i, parameter.Name, encoding, fromTable));
        }
        return result;
    }

    // By-value string-shaped parameters only: a ref/out string is the library's to write, a StringBuilder a buffer it fills.
    private static NativePathEncoding? Encoding(ParameterDefinition parameter, NativePathEncoding? tablePointer)
    {
        var type = parameter.ParameterType;
        if (type.IsByReference || parameter.IsOut)
            return null;
        switch (type.FullName)
        {
            case "System.String":
                return NativePathEncoding.String;
            case "System.Byte*":
            case "System.SByte*":
                return NativePathEncoding.Utf8Pointer;
            case "System.Char*":
            case "System.UInt16*":
                return NativePathEncoding.Utf16Pointer;
            case "System.IntPtr":
                return tablePointer; // only where the table knows it is a string, and in which encoding
            default:
                return null;
        }
    }

    // The [LibraryImport] generator names the inner P/Invoke's parameters "__path_native".
    private static string BareName(string name)
    {
        var bare = name.TrimStart('_');
        return bare.EndsWith("_native", StringComparison.Ordinal) ? bare[..^"_native".Length] : bare;
    }

    // dbPath, sourceFileName, db_path: a camelCase or snake_case word "Path"/"FileName" at the end (not "classpath").
    private static bool EndsWithPathWord(string name)
    {
        var bare = BareName(name);
        foreach (var word in new[] { "Path", "FileName", "Filename", "Directory" })
        {
            if (bare.Length > word.Length && bare.EndsWith(word, StringComparison.Ordinal) && char.IsLower(bare[^(word.Length + 1)]))
                return true;
        }
        return bare.EndsWith("_path", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("_filename", StringComparison.OrdinalIgnoreCase);
    }
}
