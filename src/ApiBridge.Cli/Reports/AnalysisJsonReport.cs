using System.Text.Json;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.Members;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// The machine-readable form of <c>apibridge analyze --format json</c>. The shape is documented in the README
/// (schemaVersion 1) and only grows by new properties.
/// </summary>
internal static class AnalysisJsonReport
{
    public const int SchemaVersion = 1;

    public static void Write(AnalysisReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("input", report.Input);
        if (report.GuestPlatform is null)
            json.WriteNull("guestPlatform");
        else
            json.WriteString("guestPlatform", report.GuestPlatform);
        json.WriteStartArray("assemblies");
        foreach (var assembly in report.Assemblies)
            WriteAssembly(json, assembly);
        json.WriteEndArray();
        json.WriteStartArray("missingReferences");
        foreach (var missing in report.MissingReferences)
        {
            json.WriteStartObject();
            json.WriteString("referrer", missing.Referrer);
            json.WriteString("name", missing.Name);
            json.WriteString("version", missing.Version);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("total");
        json.WriteNumber("assemblies", report.Assemblies.Count(a => a.Skipped is null));
        json.WriteNumber("imports", report.Imports);
        json.WriteNumber("bound", report.Bound);
        json.WriteNumber("unbound", report.NoShim + report.Unsupported);
        json.WriteNumber("noShim", report.NoShim);
        json.WriteNumber("unsupported", report.Unsupported);
        json.WriteNumber("managedApis", report.ManagedApiUses);
        var members = report.AllManagedMembers.ToList();
        json.WriteNumber("managedMembers", members.Count);
        json.WriteNumber("managedMembersRedirected", members.Count(m => m.Status is ManagedMemberStatus.Shim or ManagedMemberStatus.PathsTranslated));
        json.WriteNumber("managedMembersNoShim", members.Count(m => m.Status == ManagedMemberStatus.NoShim));
        json.WriteNumber("nativePathCalls", report.AllNativePathCalls.Count());
        var forks = report.AllForkSites.ToList();
        json.WriteNumber("forkSites", forks.Count);
        json.WriteNumber("forkSitesSpawned", forks.Count(f => f.Spawns));
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteAssembly(Utf8JsonWriter json, AssemblyAnalysis assembly)
    {
        json.WriteStartObject();
        json.WriteString("path", assembly.RelativePath);
        json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(assembly.Kind.ToString()));
        json.WriteBoolean("alreadyRewritten", assembly.AlreadyRewritten);
        if (assembly.Skipped is null)
            json.WriteNull("skipped");
        else
            json.WriteString("skipped", assembly.Skipped);
        json.WriteStartArray("imports");
        foreach (var binding in assembly.Bindings)
            WriteImport(json, binding);
        json.WriteEndArray();
        json.WriteStartArray("managedApis");
        foreach (var use in assembly.ManagedApis)
        {
            json.WriteStartObject();
            json.WriteString("type", use.ReplacedType);
            json.WriteString("shim", use.ShimType);
            json.WriteString("channel", use.Redirect.Channel);
            json.WriteStartArray("members");
            foreach (var member in use.Members)
                json.WriteStringValue(member);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("managedMembers");
        foreach (var member in assembly.ManagedMembers)
        {
            json.WriteStartObject();
            json.WriteString("type", member.Type);
            json.WriteString("member", member.Member);
            json.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(member.Status.ToString()));
            if (member.Shim is null)
                json.WriteNull("shim");
            else
                json.WriteString("shim", member.Shim);
            json.WriteNumber("callSites", member.CallSites);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // Added in schema 1 like managedMembers: P/Invokes into unshimmed native libraries whose path arguments are translated.
        json.WriteStartArray("nativePathCalls");
        foreach (var native in assembly.NativePathCalls)
        {
            json.WriteStartObject();
            json.WriteString("library", native.Library);
            json.WriteString("entryPoint", native.EntryPoint);
            json.WriteString("declaredBy", native.DeclaredBy);
            json.WriteStartArray("parameters");
            foreach (var parameter in native.Parameters)
                json.WriteStringValue(parameter);
            json.WriteEndArray();
            json.WriteNumber("callSites", native.CallSites);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // Added in schema 1 too: libc fork calls and whether the rewrite makes each (with the exec after it) a spawn.
        json.WriteStartArray("forkSites");
        foreach (var fork in assembly.ForkSites)
        {
            json.WriteStartObject();
            json.WriteString("entryPoint", fork.EntryPoint);
            json.WriteString("method", fork.Location.Method);
            json.WriteNumber("ilOffset", fork.Location.IlOffset);
            if (fork.Location.HasSource)
            {
                json.WriteString("document", fork.Location.Document);
                json.WriteNumber("line", fork.Location.Line);
            }
            else
            {
                json.WriteNull("document");
                json.WriteNull("line");
            }
            json.WriteBoolean("spawns", fork.Spawns);
            if (fork.Exec is null)
                json.WriteNull("exec");
            else
                json.WriteString("exec", fork.Exec);
            if (fork.Reason is null)
                json.WriteNull("reason");
            else
                json.WriteString("reason", fork.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteImport(Utf8JsonWriter json, ImportBinding binding)
    {
        var import = binding.Import;
        json.WriteStartObject();
        json.WriteString("library", import.Library);
        json.WriteString("declaredLibrary", import.DeclaredLibrary);
        json.WriteString("family", JsonNamingPolicy.CamelCase.ConvertName(import.Family.ToString()));
        json.WriteString("entryPoint", binding.ResolvedEntryPoint);
        json.WriteString("declaredEntryPoint", import.DeclaredEntryPoint);
        json.WriteString("declaredBy", import.DisplayName);
        json.WriteString("charSet", import.CharSet == StringCharSet.Unicode ? "unicode" : "ansi");
        json.WriteBoolean("exactSpelling", import.ExactSpelling);
        json.WriteBoolean("setLastError", import.SetLastError);
        json.WriteBoolean("libraryImport", import.IsLibraryImportStub);
        json.WriteNumber("callSites", import.CallSites);
        json.WriteString("status", binding.Status switch
        {
            ImportStatus.Bound => "bound",
            ImportStatus.NoShim => "noShim",
            _ => "unsupported",
        });
        if (binding.Shim is null)
            json.WriteNull("shim");
        else
            json.WriteString("shim", binding.Shim.DisplayName);
        if (binding.Reason is null)
            json.WriteNull("reason");
        else
            json.WriteString("reason", binding.Reason);
        if (binding.Shim?.Refuses is { } refuses)
            json.WriteString("refuses", refuses);
        else
            json.WriteNull("refuses");
        json.WriteStartArray("conversions");
        foreach (var conversion in binding.Conversions)
            json.WriteStringValue(conversion);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
