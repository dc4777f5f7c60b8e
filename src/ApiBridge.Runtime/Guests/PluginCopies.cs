using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace ApiBridge.Runtime.Guests;

/// <summary>
/// The bridged copy of a plugin a guest loads by path, for either guest platform. A plugin ApiBridge has not rewritten
/// gets its copy from the run cache, asked of the apibridge CLI (<c>apibridge resolve --plugin &lt;platform&gt;
/// &lt;dll&gt;</c>) the way child guests are (<see cref="CachedGuests"/>): the rewriter (Cecil and the whole Core) is
/// not part of a guest's payload, and the cache, its keys, locks and eviction stay the CLI's alone. Without the CLI
/// (a <c>rewrite</c> output started directly) the plugin loads as it is, as the .NET host would load it. Each copy's
/// origin is remembered, so <c>Assembly.Location</c> still shows the plugin where the guest found it, and the
/// plugin's own dependencies are found beside it.
/// </summary>
public static class PluginCopies
{
    private sealed record Original(string Guest, string Host, string Platform, Func<string, string> GuestForm);

    // The rewritten copy's full host path → the plugin it stands for.
    private static readonly ConcurrentDictionary<string, Original> Originals = new(StringComparer.Ordinal);
    private static int resolving;

    /// <summary>
    /// The file to load for the existing plugin at <paramref name="host"/>: its bridged copy, or the file itself when it
    /// is bridged already, is no assembly (the loader gives its own BadImageFormatException), or no CLI is at hand.
    /// <paramref name="guestForm"/> shows a host path as the guest sees it (for messages and <c>Location</c>). A plugin
    /// the CLI cannot rewrite is a FileLoadException with the CLI's reason.
    /// </summary>
    public static string ToLoad(string host, string platform, Func<string, string> guestForm)
    {
        if (!BridgedAssemblies.IsAssembly(host, out var rewritten) || rewritten)
            return host;
        var cli = Environment.GetEnvironmentVariable(BridgeVariables.Cli);
        var dotnet = Environment.GetEnvironmentVariable(BridgeVariables.Dotnet);
        if (string.IsNullOrEmpty(cli) || !File.Exists(cli) || string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
            return host;
        var guest = guestForm(host);
        var copy = CachedGuests.Resolve(dotnet, cli, host, platform, out var error)
            ?? throw new FileLoadException($"Could not load file or assembly '{guest}': ApiBridge could not bridge it ({error})", guest);
        Originals[Path.GetFullPath(copy)] = new Original(guest, host, platform, guestForm); // the form Assembly.Location gives back
        if (Interlocked.Exchange(ref resolving, 1) == 0)
            AppDomain.CurrentDomain.AssemblyResolve += FromPluginFolder;
        return copy;
    }

    /// <summary>The guest path of the plugin a cached copy at <paramref name="hostLocation"/> stands for, or null.</summary>
    public static string? OriginalOf(string hostLocation) => Originals.TryGetValue(hostLocation, out var original) ? original.Guest : null;

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
        return context.LoadFromAssemblyPath(ToLoad(candidate, plugin.Platform, plugin.GuestForm));
    }
}
