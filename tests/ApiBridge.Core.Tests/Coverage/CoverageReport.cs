using System.Reflection;
using System.Text;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Core.Tests.Coverage;

/// <summary>
/// Which targets the shims export, per class and per importer count, as the markdown table the README shows. The
/// exports are read from the shim assemblies' [ShimLibrary]/[ShimExport] attributes, the same ones the rewriter binds.
/// </summary>
public static class CoverageReport
{
    public static HashSet<string> Exports(Assembly shims, string library) =>
        (from type in shims.GetTypes()
         where type.GetCustomAttribute<ShimLibraryAttribute>()?.Library == library
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
         from export in method.GetCustomAttributes<ShimExportAttribute>()
         select export.EntryPoint).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Functions an issue names as a group, counted as a row of their own whatever class the target list gives them
    /// (issue 14's console and code-page functions: the list files the code-page ones under "other").
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Row, string[] EntryPoints)> Groups = new Dictionary<string, (string, string[])>
    {
        ["kernel32"] = ("console and code pages", [
            "GetConsoleMode", "SetConsoleMode", "GetConsoleScreenBufferInfo", "SetConsoleTextAttribute", "GetConsoleCP",
            "GetConsoleOutputCP", "SetConsoleOutputCP", "WriteConsoleW", "ReadConsoleW", "GetNumberOfConsoleInputEvents",
            "SetConsoleCtrlHandler", "MultiByteToWideChar", "WideCharToMultiByte", "GetACP", "GetOEMCP", "GetCPInfo", "GetCPInfoExW"]),
    };

    /// <summary>
    /// Per library: a row per counted class and their total (the goal's "all four"), then the classes outside the goal
    /// (console, memory, other) and the issue's named group; each row gives bound and missing for all targets and for
    /// those imported by two or more assemblies.
    /// </summary>
    public static string Table(IEnumerable<(TargetList List, HashSet<string> Exports)> families)
    {
        var text = new StringBuilder();
        text.AppendLine("| library | class | targets bound | missing | imported by ≥2: bound | ≥2: missing |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (list, exports) in families)
        {
            var counted = list.Targets.Where(t => TargetList.CountedClasses.Contains(t.Class)).ToList();
            foreach (var group in counted.GroupBy(t => t.Class))
                text.AppendLine(Row(list.Library, group.Key, group.ToList(), exports));
            text.AppendLine(Row(list.Library, "**all four**", counted, exports, bold: true));
            // The other classes of the list; an appendix ("## Appendix: …") is no class of the scanned packages.
            foreach (var group in list.Targets.Where(t => !TargetList.CountedClasses.Contains(t.Class) && !t.Class.Contains(':')).GroupBy(t => t.Class))
                text.AppendLine(Row(list.Library, group.Key + " (not counted)", group.ToList(), exports));
            if (Groups.TryGetValue(list.Library, out var named))
            {
                var byName = list.Targets.ToDictionary(t => t.EntryPoint, StringComparer.Ordinal);
                var members = named.EntryPoints.Select(e => byName.TryGetValue(e, out var t) ? t : new Target("named", e, 0)).ToList();
                text.AppendLine(Row(list.Library, named.Row, members, exports));
            }
        }
        return text.ToString();
    }

    private static string Row(string library, string label, IReadOnlyCollection<Target> targets, HashSet<string> exports, bool bold = false)
    {
        var bound = targets.Count(t => exports.Contains(t.EntryPoint));
        var common = targets.Count(t => t.Importers >= 2);
        var commonBound = targets.Count(t => t.Importers >= 2 && exports.Contains(t.EntryPoint));
        string B(string cell) => bold ? $"**{cell}**" : cell;
        return $"| {library} | {label} | {B($"{bound} of {targets.Count}")} | {B((targets.Count - bound).ToString())} | "
            + $"{B($"{commonBound} of {common}")} | {B((common - commonBound).ToString())} |";
    }

    /// <summary>Every target no shim exports, by class then most imported first: the report's missing list.</summary>
    public static IEnumerable<IGrouping<string, Target>> Missing(TargetList list, HashSet<string> exports) =>
        list.Targets.Where(t => !exports.Contains(t.EntryPoint))
            .OrderByDescending(t => t.Importers).ThenBy(t => t.EntryPoint, StringComparer.Ordinal)
            .GroupBy(t => t.Class);

    /// <summary>The targets imported twice or more that no shim exports yet, most imported first: what to do next.</summary>
    public static IEnumerable<Target> MissingCommon(TargetList list, HashSet<string> exports) =>
        list.Targets.Where(t => TargetList.CountedClasses.Contains(t.Class) && t.Importers >= 2 && !exports.Contains(t.EntryPoint))
            .OrderByDescending(t => t.Importers).ThenBy(t => t.EntryPoint, StringComparer.Ordinal);
}
