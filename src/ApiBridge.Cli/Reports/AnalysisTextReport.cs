using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.Members;
using ApiBridge.Core.Rewriting.Processes;

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
            if (assembly.Bindings.Count == 0 && assembly.ManagedApis.Count == 0 && assembly.ManagedMembers.Count == 0 && !assembly.AlreadyRewritten)
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
            var memberWidth = assembly.ManagedMembers.Select(m => Member(m).Length).DefaultIfEmpty(0).Max();
            foreach (var member in assembly.ManagedMembers)
            {
                var calls = member.CallSites == 1 ? "1 call " : $"{member.CallSites} calls";
                output.WriteLine($"  bcl {Member(member).PadRight(memberWidth)}  {calls,9}  {Status(member)}");
            }
            foreach (var native in assembly.NativePathCalls)
            {
                var calls = native.CallSites == 1 ? "1 call " : $"{native.CallSites} calls";
                output.WriteLine($"  native path {native.Library}!{native.EntryPoint}({string.Join(", ", native.Parameters)})  {native.DeclaredBy}  {calls,9}  translated to host paths");
            }
            foreach (var fork in assembly.ForkSites)
                output.WriteLine($"  {fork.EntryPoint} at {Where(fork.Location)}  {Fate(fork)}");
        }
        if (report.GuestPlatform is { } platform)
        {
            var members = report.AllManagedMembers.ToList();
            output.WriteLine($"Managed view ({platform} guest): {members.Count} platform-dependent BCL members used: "
                + $"{members.Count(m => m.Status == ManagedMemberStatus.Shim)} by a shim, {members.Count(m => m.Status == ManagedMemberStatus.PathsTranslated)} with paths translated, "
                + $"{members.Count(m => m.Status == ManagedMemberStatus.Host)} left to the host, {members.Count(m => m.Status == ManagedMemberStatus.NoShim)} Windows-only without a shim");
            // Only when there are some, so the output of apps without such libraries stays as it was.
            var native = report.AllNativePathCalls.ToList();
            if (native.Count > 0)
                output.WriteLine($"Native path arguments: {native.Count} imports of libraries the bridge does not shim get host paths ({native.Sum(n => n.CallSites)} call sites)");
        }
        foreach (var missing in report.MissingReferences)
            output.WriteLine($"warning: {missing.Describe()}");
        var percent = report.Imports == 0 ? 100 : report.Bound * 100 / report.Imports;
        output.WriteLine($"Total: {report.Imports} platform imports in {report.Assemblies.Count(a => a.Bindings.Count > 0)} assemblies: "
            + $"{report.Bound} bound, {report.NoShim} without a shim, {report.Unsupported} unsupported ({percent}% bound); "
            + $"{report.ManagedApiUses} Windows-only managed types redirected");
    }

    private static string Where(CallLocation location) =>
        location.HasSource ? $"{location.Method} ({Path.GetFileName(location.Document)}:{location.Line})" : $"{location.Method} IL_{location.IlOffset:x4}";

    private static string Fate(ForkSite fork) => fork.Spawns
        ? $"spawn: the {fork.Exec} after it starts the program as a child"
        : $"stays ENOSYS: {fork.Reason}";

    private static string Member(ManagedMemberUse member) => $"{member.Type}::{member.Member}";

    private static string Status(ManagedMemberUse member) => member.Status switch
    {
        ManagedMemberStatus.Shim => $"shim -> {member.Shim}",
        ManagedMemberStatus.PathsTranslated => "paths translated",
        ManagedMemberStatus.NoShim => "no shim: Windows-only, throws PlatformNotSupportedException on this host",
        _ => "host",
    };

    private static string Entry(ImportBinding binding) => $"{binding.Import.Library}!{binding.ResolvedEntryPoint}";

    private static string Status(ImportBinding binding) => binding.Status switch
    {
        ImportStatus.Bound when binding.Shim!.Refuses is { } reason => $"bound (refuses: {reason}) -> {binding.Shim.DisplayName}",
        ImportStatus.Bound => $"bound -> {binding.Shim!.DisplayName}",
        ImportStatus.NoShim => $"no shim: {binding.Reason}",
        _ => $"unsupported: {binding.Reason}",
    };
}
