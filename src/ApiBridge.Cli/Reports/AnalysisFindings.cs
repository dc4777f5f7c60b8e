using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.Members;

namespace ApiBridge.Cli.Reports;

/// <summary>One finding of <c>analyze</c> at one place: under which rule, what to say, in which assembly, at which call.</summary>
/// <param name="Site">The call (null for a finding on the assembly itself, or a declaration nothing calls).</param>
/// <param name="Method">The calling or declaring method, when there is one.</param>
internal sealed record AnalysisFinding(SarifRule Rule, string Message, string AssemblyPath, CallLocation? Site, string? Method);

/// <summary>
/// The findings an analysis makes, one per call site, shared by the SARIF and MSBuild reports: imports with no shim,
/// unadaptable declarations, exports that refuse on this host, Windows-only managed APIs, missing assemblies. Calls
/// into a native library the app carries (SQLite's e_sqlite3) are the app's own business, not platform API.
/// </summary>
internal static class AnalysisFindings
{
    public static IEnumerable<AnalysisFinding> Of(AnalysisReport report)
    {
        var shipped = NativeLibrariesShipped(report);
        foreach (var assembly in report.Assemblies.Where(a => a.Skipped is null))
        {
            foreach (var binding in assembly.Bindings)
            {
                if (binding.Import.Family == PlatformFamily.Other && shipped.Contains(binding.Import.Library))
                    continue;
                if (SarifRules.For(binding) is { } rule)
                {
                    foreach (var finding in AtSites(rule, Message(binding), assembly.RelativePath, binding.Import.Sites, binding.Import.DisplayName))
                        yield return finding;
                }
            }
            foreach (var member in assembly.ManagedMembers.Where(m => m.Status == ManagedMemberStatus.NoShim))
            {
                var message = $"{member.Type}::{member.Member} is a Windows-only API with no shim: it throws PlatformNotSupportedException on this host";
                foreach (var finding in AtSites(SarifRules.WindowsOnlyManagedApi, message, assembly.RelativePath, member.Sites, null))
                    yield return finding;
            }
        }
        foreach (var missing in report.MissingReferences)
            yield return new AnalysisFinding(SarifRules.MissingAssembly, missing.Describe(), missing.Referrer, null, null);
    }

    /// <summary>The folder the report's relative assembly paths start from.</summary>
    public static string RootOf(AnalysisReport report) =>
        Directory.Exists(report.Input) ? report.Input : Path.GetDirectoryName(Path.GetFullPath(report.Input))!;

    // A finding with no call site (a declaration nothing in the assembly calls) is still reported, on its declaration.
    private static IEnumerable<AnalysisFinding> AtSites(SarifRule rule, string message, string assemblyPath, IReadOnlyList<CallLocation> sites, string? declaredBy)
    {
        if (sites.Count == 0)
        {
            yield return new AnalysisFinding(rule, $"{message}; declared by {declaredBy}, never called in this assembly", assemblyPath, null, declaredBy);
            yield break;
        }
        foreach (var site in sites)
        {
            // Without a PDB the IL offset is the only way to tell two calls in one method apart.
            var where = site.HasSource ? site.Method : $"{site.Method} at IL_{site.IlOffset:x4}";
            yield return new AnalysisFinding(rule, $"{message}; called from {where}", assemblyPath, site, site.Method);
        }
    }

    private static string Message(ImportBinding binding)
    {
        var entry = $"{binding.Import.Library}!{binding.ResolvedEntryPoint}";
        return binding.Status switch
        {
            // The reason names every spelling the runtime would probe (GetFooW, GetFoo).
            ImportStatus.NoShim => binding.Reason!.StartsWith("no shim", StringComparison.Ordinal) ? binding.Reason : $"no shim for {binding.Import.Library}!{binding.Import.DeclaredEntryPoint}: {binding.Reason}",
            ImportStatus.Unsupported => $"{entry} is declared in a shape the bridge cannot adapt: {binding.Reason}",
            _ => $"{entry} is bound but always refuses on this host: {binding.Shim!.Refuses}",
        };
    }

    // e_sqlite3.dll, libe_sqlite3.so and libe_sqlite3.dylib all answer DllImport("e_sqlite3").
    private static HashSet<string> NativeLibrariesShipped(AnalysisReport report)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(RootOf(report), "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            foreach (var extension in new[] { ".dll", ".so", ".dylib" })
            {
                if (!name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                    continue;
                var stem = name[..^extension.Length];
                names.Add(stem);
                if (extension != ".dll" && stem.StartsWith("lib", StringComparison.Ordinal))
                    names.Add(stem[3..]);
            }
        }
        return names;
    }
}
