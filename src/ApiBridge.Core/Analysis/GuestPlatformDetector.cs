using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using ApiBridge.Core.Loading;

namespace ApiBridge.Core.Analysis;

/// <summary>
/// Which platform an app was written for, which decides the managed view it gets (<c>windows</c> or <c>posix</c>):
/// the family of the entry assembly's P/Invokes (kernel32: <c>windows</c>; libc only: <c>posix</c>) — what the code was
/// written against, which a Linux app published for win-x64 to run on Windows still is — else the runtime identifier it
/// was published for (<c>runtimeTarget</c> of its <c>*.deps.json</c>: <c>…/win-x64</c>), else <c>windows</c>, the guests
/// ApiBridge exists for on a Linux host. <c>rewrite --guest-platform</c> overrides it.
/// </summary>
public static class GuestPlatformDetector
{
    public const string Windows = "windows";
    public const string Posix = "posix";

    public static string Detect(GuestInput input)
    {
        var entry = input.EntryAssembly ?? input.Files.FirstOrDefault(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsEntryCandidate(f, input));
        if (entry is not null && FromImports(entry) is { } imported)
            return imported;
        return FromRuntimeIdentifier(input) ?? Windows;
    }

    /// <summary><c>win</c>… RIDs are Windows; <c>linux</c>, <c>osx</c>, <c>unix</c>, <c>freebsd</c>… are POSIX.</summary>
    public static string? FromRid(string rid) =>
        rid.StartsWith("win", StringComparison.OrdinalIgnoreCase) ? Windows
        : rid.Length > 0 && !rid.StartsWith("any", StringComparison.OrdinalIgnoreCase) ? Posix
        : null;

    private static string? FromRuntimeIdentifier(GuestInput input)
    {
        foreach (var deps in input.Files.Where(f => f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(f) == input.Root))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(deps));
                if (document.RootElement.TryGetProperty("runtimeTarget", out var target) && target.TryGetProperty("name", out var name)
                    && name.GetString() is { } text && text.IndexOf('/') is var slash and > 0)
                    return FromRid(text[(slash + 1)..]);
            }
            catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // an unreadable deps.json says nothing about the platform; the other signals decide
            }
        }
        return null;
    }

    private static bool IsEntryCandidate(string dll, GuestInput input) =>
        File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"));

    /// <summary>
    /// The platform the entry assembly's P/Invokes name, read from the metadata tables alone (System.Reflection.Metadata:
    /// the ImplMap rows' module references) and not through Cecil: it is a cheap look at a file the rewrite reads
    /// properly later, and a damaged file must never stall it (fuzzing found one that kept Cecil's import scan busy
    /// for good; the rewrite itself refuses that file in one line).
    /// </summary>
    private static string? FromImports(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
                return null;
            var metadata = pe.GetMetadataReader();
            var posix = false;
            foreach (var handle in metadata.MethodDefinitions)
            {
                var import = metadata.GetMethodDefinition(handle).GetImport();
                if (import.Module.IsNil)
                    continue;
                var family = LibraryName.Normalize(metadata.GetString(metadata.GetModuleReference(import.Module).Name)).Family;
                if (family == PlatformFamily.Windows)
                    return Windows;
                posix |= family == PlatformFamily.Posix;
            }
            return posix ? Posix : null;
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // the rewrite itself reports what is wrong with it
        }
    }
}
