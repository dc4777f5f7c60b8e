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

    public static string Table(IEnumerable<(TargetList List, HashSet<string> Exports)> families)
    {
        var text = new StringBuilder();
        text.AppendLine("| library | class | targets bound | imported by ≥2: bound |");
        text.AppendLine("|---|---|---:|---:|");
        foreach (var (list, exports) in families)
        {
            int all = 0, bound = 0, common = 0, commonBound = 0;
            foreach (var group in list.Targets.Where(t => TargetList.CountedClasses.Contains(t.Class)).GroupBy(t => t.Class))
            {
                var classBound = group.Count(t => exports.Contains(t.EntryPoint));
                var classCommon = group.Count(t => t.Importers >= 2);
                var classCommonBound = group.Count(t => t.Importers >= 2 && exports.Contains(t.EntryPoint));
                text.AppendLine($"| {list.Library} | {group.Key} | {classBound} of {group.Count()} | {classCommonBound} of {classCommon} |");
                all += group.Count();
                bound += classBound;
                common += classCommon;
                commonBound += classCommonBound;
            }
            text.AppendLine($"| {list.Library} | **all four** | **{bound} of {all}** | **{commonBound} of {common}** |");
        }
        return text.ToString();
    }

    /// <summary>The targets imported twice or more that no shim exports yet, most imported first: what to do next.</summary>
    public static IEnumerable<Target> MissingCommon(TargetList list, HashSet<string> exports) =>
        list.Targets.Where(t => TargetList.CountedClasses.Contains(t.Class) && t.Importers >= 2 && !exports.Contains(t.EntryPoint))
            .OrderByDescending(t => t.Importers).ThenBy(t => t.EntryPoint, StringComparer.Ordinal);
}
