using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;

namespace ApiBridge.Cli.Reports;

/// <summary>The human-readable form of <c>apibridge analyze</c>: one line per import, grouped by assembly, and a total line.</summary>
internal static class AnalysisTextReport
{
    public static void Write(AnalysisReport report, TextWriter output)
    {
        foreach (var assembly in report.Assemblies)
        {
            if (assembly.Skipped is not null)
            {
                output.WriteLine($"{assembly.RelativePath}: skipped ({assembly.Skipped})");
                continue;
            }
            if (assembly.Bindings.Count == 0 && assembly.ManagedApis.Count == 0 && !assembly.AlreadyRewritten)
                continue;
            var suffix = assembly.AlreadyRewritten ? " (already rewritten by ApiBridge)" : string.Empty;
            output.WriteLine($"{assembly.RelativePath}{suffix}");
            var nameWidth = assembly.Bindings.Select(b => Entry(b).Length).DefaultIfEmpty(0).Max();
            var callerWidth = assembly.Bindings.Select(b => b.Import.DisplayName.Length).DefaultIfEmpty(0).Max();
            foreach (var binding in assembly.Bindings.OrderBy(b => b.Import.Library).ThenBy(b => b.ResolvedEntryPoint, StringComparer.Ordinal))
            {
                var calls = binding.Import.CallSites == 1 ? "1 call " : $"{binding.Import.CallSites} calls";
                output.WriteLine($"  {Entry(binding).PadRight(nameWidth)}  {binding.Import.DisplayName.PadRight(callerWidth)}  {calls,9}  {Status(binding)}");
            }
            foreach (var use in assembly.ManagedApis)
                output.WriteLine($"  managed {use.ReplacedType} ({string.Join(", ", use.Members)})  redirected -> {use.ShimType}");
        }
        var percent = report.Imports == 0 ? 100 : report.Bound * 100 / report.Imports;
        output.WriteLine($"Total: {report.Imports} platform imports in {report.Assemblies.Count(a => a.Bindings.Count > 0)} assemblies: "
            + $"{report.Bound} bound, {report.NoShim} without a shim, {report.Unsupported} unsupported ({percent}% bound); "
            + $"{report.ManagedApiUses} Windows-only managed types redirected");
    }

    private static string Entry(ImportBinding binding) => $"{binding.Import.Library}!{binding.ResolvedEntryPoint}";

    private static string Status(ImportBinding binding) => binding.Status switch
    {
        ImportStatus.Bound => $"bound -> {binding.Shim!.DisplayName}",
        ImportStatus.NoShim => $"no shim: {binding.Reason}",
        _ => $"unsupported: {binding.Reason}",
    };
}
