using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The file to load for a plugin the guest names by its own path. The path is resolved through the guest file system
/// (drives, letter case, isolation) like any System.IO path. A plugin ApiBridge has not rewritten gets its bridged copy
/// from the run cache, asked of the apibridge CLI (<c>apibridge resolve --plugin windows &lt;dll&gt;</c>) the way child
/// guests are (<see cref="CachedGuests"/>): the rewriter (Cecil and the whole Core) is not part of a guest's payload,
/// and the cache, its keys, locks and eviction stay the CLI's alone. Without the CLI (a <c>rewrite</c> output started
/// directly) the plugin loads as it is, with the host's view, as the .NET host would load it.
/// The copy's place in the cache is remembered, so <c>Assembly.Location</c> still shows the plugin where the guest found it.
/// </summary>
internal static class PluginFiles
{
    // The rewritten copy's host path → the plugin it stands for: its guest path and its host path.
    private static readonly ConcurrentDictionary<string, (string Guest, string Host)> Originals = new(StringComparer.Ordinal);
    private static int resolving;

    /// <summary>
    /// The host path to hand the BCL's loader for the guest path <paramref name="guestPath"/>. Null passes through (the
    /// BCL throws its own ArgumentNullException); a missing file is the FileNotFoundException Windows' .NET throws,
    /// naming the guest's path; a plugin the CLI cannot rewrite is a FileLoadException with the CLI's reason.
    /// </summary>
    public static string ToLoad(string guestPath)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(guestPath))
            return guestPath;
        var host = WindowsManagedPaths.ToHost(guestPath)!;
        if (!File.Exists(host))
        {
            var full = WindowsPathView.FromHost(host);
            throw new FileNotFoundException($"Could not load file or assembly '{full}'. The system cannot find the file specified.", full);
        }
        return BridgedCopy(host);
    }

    /// <summary>The guest path of the plugin a cached copy at <paramref name="hostLocation"/> stands for, or null.</summary>
    public static string? OriginalOf(string hostLocation) => Originals.TryGetValue(hostLocation, out var original) ? original.Guest : null;

    private static string BridgedCopy(string host)
    {
        if (!ProgramLocator.IsAssembly(host, out var rewritten) || rewritten)
            return host; // already bridged, or not an assembly at all: the BCL's loader gives its own BadImageFormatException
        var cli = Environment.GetEnvironmentVariable(ChildLauncher.CliVariable);
        var dotnet = Environment.GetEnvironmentVariable(ChildLauncher.DotnetVariable);
        if (string.IsNullOrEmpty(cli) || !File.Exists(cli) || string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
            return host;
        var guest = WindowsPathView.FromHost(host);
        var copy = CachedGuests.Resolve(dotnet, cli, host, "windows", out var error)
            ?? throw new FileLoadException($"Could not load file or assembly '{guest}': ApiBridge could not bridge it ({error})", guest);
        Originals[Path.GetFullPath(copy)] = (guest, host); // the form Assembly.Location gives back
        if (Interlocked.Exchange(ref resolving, 1) == 0)
            AppDomain.CurrentDomain.AssemblyResolve += FromPluginFolder;
        return copy;
    }

    /// <summary>
    /// A dependency of a plugin loaded from its cached copy, found where the plugin really is: the loader looks beside
    /// the copy (in the cache, where the plugin's entry holds only the plugin), so without this a plugin whose
    /// dependencies sit beside it would load bridged but fail at its first use of one. The dependency is bridged too,
    /// and loaded into the plugin's own load context.
    /// </summary>
    private static Assembly? FromPluginFolder(object? sender, ResolveEventArgs args)
    {
        if (args.RequestingAssembly is not { } requesting || !Originals.TryGetValue(requesting.Location, out var plugin))
            return null;
        var name = new AssemblyName(args.Name).Name;
        var folder = Path.GetDirectoryName(plugin.Host);
        if (string.IsNullOrEmpty(name) || folder is null)
            return null;
        var candidate = Path.Combine(folder, name + ".dll");
        if (!File.Exists(candidate))
            return null;
        var context = AssemblyLoadContext.GetLoadContext(requesting) ?? AssemblyLoadContext.Default;
        return context.LoadFromAssemblyPath(BridgedCopy(candidate));
    }
}
