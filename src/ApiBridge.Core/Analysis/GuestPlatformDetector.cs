using System.Text.Json;
using ApiBridge.Core.Loading;
using Mono.Cecil;

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

    public static string Detect(GuestInput input, IAssemblyResolver resolver)
    {
        var entry = input.EntryAssembly ?? input.Files.FirstOrDefault(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsEntryCandidate(f, input));
        if (entry is not null && FromImports(entry, resolver) is { } imported)
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

    private static string? FromImports(string path, IAssemblyResolver resolver)
    {
        try
        {
            return CorruptInput.Guard(path, () =>
            {
                using var guest = GuestAssembly.Open(path, resolver);
                var families = guest.Imports.Select(i => i.Family).ToHashSet();
                if (families.Contains(PlatformFamily.Windows))
                    return Windows;
                return families.Contains(PlatformFamily.Posix) ? Posix : null;
            });
        }
        catch (GuestInputException)
        {
            return null; // the rewrite itself reports what is wrong with it
        }
    }
}
