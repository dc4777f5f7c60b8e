using ApiBridge.Run.Cache;
using ApiBridge.Run.Starting;

namespace ApiBridge.Launcher;

/// <summary>
/// <c>apibridge run</c> when the guest's rewrite is in the cache: the same key (<see cref="CacheKey"/>), options
/// (<see cref="RunOptions"/>) and start (<see cref="GuestLauncher"/>) as the managed CLI, so the guest cannot tell which
/// one started it. Anything this path does not handle in the plain way is left to the managed CLI.
/// </summary>
internal static class CacheHitRun
{
    public static bool TryStart(string[] args, string cli, out int exitCode)
    {
        exitCode = 0;
        if (!RunCommandLine.TryParse(args, out var options, out var guest, out var guestArguments))
            return false;
        CacheSlot slot;
        GuestLayout? layout;
        string cacheDirectory;
        CacheEntryUse? use;
        try
        {
            if (PrefixCheck.Problem(options.PrefixFolder) is not null)
                return false; // the managed CLI says why, in one place
            cacheDirectory = CacheLocation.Resolve(options.CacheDirectory);
            layout = GuestLayout.Locate(guest);
            if (layout?.EntryAssembly is null)
                return false;
            // The payload whose files key the cache is the managed CLI's folder: this one.
            slot = CacheSlot.For(cacheDirectory, Path.GetDirectoryName(cli)!, layout);
            if (!slot.IsComplete)
                return false;
            // Marks the entry in use for the guest's lifetime (the guest inherits the lock through exec) and used now.
            use = CacheEntryUse.Begin(slot);
            if (use is null)
                return false; // removed meanwhile: a miss, the managed CLI's
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // the managed CLI reports it properly
        }
        if (options.IsVerbose)
            Console.Error.WriteLine(RunOptions.CacheReport(slot.EntryAssembly, reused: true) + " (native start)");
        using (use)
            exitCode = GuestLauncher.Run(slot.EntryAssembly, layout.EntryAssembly, cli, guestArguments, options, cacheDirectory);
        return true;
    }
}
