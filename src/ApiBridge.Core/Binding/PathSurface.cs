using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>How one argument or result of a BCL member crosses between the guest's and the host's path forms.</summary>
public enum PathTranslation
{
    /// <summary>Passed as it is.</summary>
    None,

    /// <summary>A guest path, resolved to the host through the guest file system (drives, case, isolation).</summary>
    ToHost,

    /// <summary>A path relative to the instance (<c>DirectoryInfo.CreateSubdirectory</c>): only its separators change.</summary>
    ToHostRelative,

    /// <summary>
    /// A host path (or paths) handed back, shown in the guest's form; or FileInfo/DirectoryInfo objects the BCL made
    /// (a listing, <c>Parent</c>), made to show the guest's full path from <c>ToString()</c>.
    /// </summary>
    ToGuest,

    /// <summary>
    /// A FileInfo/DirectoryInfo made from the guest path given as the member's first path argument
    /// (<c>Directory.CreateDirectory</c>): named and shown as that path, as the platform's own object is.
    /// </summary>
    ToGuestAsTyped,

    /// <summary>
    /// A guest path the member opens for reading by itself (<c>File.ReadAllText</c>): resolved as <see cref="ToHost"/>,
    /// and refused as Windows refuses it when an open the guest holds does not share reading.
    /// </summary>
    ToHostForReading,

    /// <summary>A guest path the member opens for writing by itself (<c>File.WriteAllText</c>), checked as above.</summary>
    ToHostForWriting,

    /// <summary>A guest path the member deletes (<c>File.Delete</c>): refused while an open does not share deleting.</summary>
    ToHostForDeleting,

    /// <summary>A guest path the member renames (<c>File.Move</c>'s source): as deleting, with Windows' path-less message.</summary>
    ToHostForRenaming,
}

/// <summary>
/// The rule that generates the file-system part of the managed view, instead of a hand-written wrapper per member:
/// every public member of the listed BCL types whose parameters are paths (by parameter name and type) or whose
/// result is a path (by member name and type) gets a wrapper that translates them, and that shows exceptions with
/// guest paths. Parameters are read from the BCL's own metadata, so a new overload is covered when it appears.
/// Members a hand-written <c>[ShimMembers]</c> shim replaces take that shim instead (the exception table).
/// </summary>
public static class PathSurface
{
    /// <summary>The types whose members take or hand back file-system paths.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo",
        "System.IO.FileStream", "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.FileSystemWatcher",
    };

    // Parameter names the BCL gives paths (System.IO's reference assemblies, .NET 8–10).
    private static readonly IReadOnlySet<string> PathParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "path", "path1", "path2", "path3", "sourceFileName", "destFileName", "destinationFileName", "destinationBackupFileName",
        "sourceDirName", "destDirName", "linkPath", "pathToTarget", "fileName",
    };

    // Members whose result is a path (string, string[] or IEnumerable<string>).
    private static readonly IReadOnlySet<string> PathResults = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_FullName", "get_DirectoryName", "get_LinkTarget", "GetCurrentDirectory", "GetDirectoryRoot", "GetFiles", "GetDirectories",
        "GetFileSystemEntries", "EnumerateFiles", "EnumerateDirectories", "EnumerateFileSystemEntries", "GetLogicalDrives",
    };

    // Members whose path parameter is relative to the instance, not to the current folder.
    private static readonly IReadOnlySet<string> RelativeToInstance = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.DirectoryInfo::CreateSubdirectory",
    };

    // Results that are paths only on one type (FileStream.Name is the full path it was opened with; FileInfo.Name is not).
    private static readonly IReadOnlySet<string> TypeSpecificResults = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.FileStream::get_Name", "System.IO.FileSystemWatcher::get_Path",
    };

    // Members that hand the guest a text writer: it ends lines as the guest's platform does (\r\n for Windows guests).
    private static readonly IReadOnlySet<string> TextWriters = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.StreamWriter::.ctor", "System.IO.File::CreateText", "System.IO.File::AppendText",
        "System.IO.FileInfo::CreateText", "System.IO.FileInfo::AppendText",
    };

    // Members that open, delete or rename a file by themselves, and what for, as .NET on Windows asks CreateFileW,
    // DeleteFileW or MoveFileExW: their first path is checked against the opens the guest holds (Windows' share
    // modes), which the host's own call would not see. File.Copy is left out: CopyFileW shares everything a
    // FileStream can hold back except a delete, and its error order (source, then destination exists) is the host's.
    private static readonly IReadOnlyDictionary<string, PathTranslation> SharedUses = new Dictionary<string, PathTranslation>(StringComparer.Ordinal)
    {
        ["System.IO.File::ReadAllBytes"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadAllBytesAsync"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadAllText"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadAllTextAsync"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadAllLines"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadAllLinesAsync"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadLines"] = PathTranslation.ToHostForReading,
        ["System.IO.File::ReadLinesAsync"] = PathTranslation.ToHostForReading,
        ["System.IO.File::OpenText"] = PathTranslation.ToHostForReading,
        ["System.IO.StreamReader::.ctor"] = PathTranslation.ToHostForReading,
        ["System.IO.File::WriteAllBytes"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::WriteAllBytesAsync"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::WriteAllText"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::WriteAllTextAsync"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::WriteAllLinesAsync"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::AppendAllText"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::AppendAllTextAsync"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::AppendAllLinesAsync"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::CreateText"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::AppendText"] = PathTranslation.ToHostForWriting,
        ["System.IO.StreamWriter::.ctor"] = PathTranslation.ToHostForWriting,
        ["System.IO.File::Delete"] = PathTranslation.ToHostForDeleting,
        ["System.IO.File::Move"] = PathTranslation.ToHostForRenaming,
    };

    // Members whose FileInfo/DirectoryInfo result is made from the path the guest passed, and shows it as passed.
    private static readonly IReadOnlySet<string> TypedResults = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.FileInfo::.ctor", "System.IO.DirectoryInfo::.ctor", "System.IO.Directory::CreateDirectory",
        "System.IO.File::CreateSymbolicLink", "System.IO.Directory::CreateSymbolicLink",
    };

    private static readonly IReadOnlySet<string> TypeSpecificParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.IO.FileSystemWatcher::set_Path::value",
    };

    /// <summary>
    /// How each parameter and the result of <paramref name="member"/> (a resolved BCL definition) translate, or null
    /// when nothing about it is a path (it is then called as it is).
    /// </summary>
    public static WrapperPlan? Plan(MethodDefinition member)
    {
        var declaring = member.DeclaringType.FullName;
        if (!Types.Contains(declaring) || !(member.IsPublic || member.IsFamily))
            return null;
        var parameters = member.Parameters.Select(p => ParameterTranslation(declaring, member.Name, p)).ToArray();
        // The path a member opens by itself is its first one (Move's source; its destination is only a name).
        var first = Array.IndexOf(parameters, PathTranslation.ToHost);
        if (first >= 0 && SharedUses.TryGetValue($"{declaring}::{member.Name}", out var use))
            parameters[first] = use;
        var result = ResultTranslation(declaring, member);
        var textWriter = TextWriters.Contains($"{declaring}::{member.Name}");
        if (result == PathTranslation.None && parameters.All(p => p == PathTranslation.None) && !textWriter)
            return null;
        return new WrapperPlan(parameters, result) { GuestNewLine = textWriter };
    }

    private static PathTranslation ParameterTranslation(string declaring, string member, ParameterDefinition parameter)
    {
        if (parameter.ParameterType.FullName != "System.String")
            return PathTranslation.None;
        if (TypeSpecificParameters.Contains($"{declaring}::{member}::{parameter.Name}"))
            return PathTranslation.ToHost;
        if (!PathParameters.Contains(parameter.Name))
            return PathTranslation.None;
        return RelativeToInstance.Contains($"{declaring}::{member}") ? PathTranslation.ToHostRelative : PathTranslation.ToHost;
    }

    private static PathTranslation ResultTranslation(string declaring, MethodDefinition member)
    {
        if (IsInfosType(member.IsConstructor ? member.DeclaringType : member.ReturnType))
            return TypedResults.Contains($"{declaring}::{member.Name}") ? PathTranslation.ToGuestAsTyped : PathTranslation.ToGuest;
        if (!IsPathsType(member.ReturnType))
            return PathTranslation.None;
        return PathResults.Contains(member.Name) || TypeSpecificResults.Contains($"{declaring}::{member.Name}") ? PathTranslation.ToGuest : PathTranslation.None;
    }

    internal static bool IsPathsType(TypeReference type) => type.FullName is "System.String" or "System.String[]"
        or "System.Collections.Generic.IEnumerable`1<System.String>";

    /// <summary>FileInfo, DirectoryInfo or FileSystemInfo, alone, in an array or in an enumeration.</summary>
    internal static bool IsInfosType(TypeReference type)
    {
        var name = type.FullName;
        if (name.StartsWith("System.Collections.Generic.IEnumerable`1<", StringComparison.Ordinal))
            name = name["System.Collections.Generic.IEnumerable`1<".Length..^1];
        else if (name.EndsWith("[]", StringComparison.Ordinal))
            name = name[..^2];
        return name is "System.IO.FileInfo" or "System.IO.DirectoryInfo" or "System.IO.FileSystemInfo";
    }
}

/// <summary>The translation of each parameter and of the result of a wrapped member.</summary>
public sealed record WrapperPlan(IReadOnlyList<PathTranslation> Parameters, PathTranslation Result)
{
    /// <summary>The result is a text writer that must end lines as the guest's platform does.</summary>
    public bool GuestNewLine { get; init; }
}
