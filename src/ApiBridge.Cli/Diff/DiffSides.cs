using ApiBridge.Core.Analysis;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// The two sides of <c>apibridge diff</c>. The reference is the unmodified guest on its own platform: a Windows guest
/// under Wine (in a fresh copy of a warm prefix), a Linux guest with plain <c>dotnet</c> (with a fresh HOME). The
/// bridged side is <c>apibridge run</c> of the same guest with a fresh prefix, or, for a Linux guest on a Linux
/// host, the rewritten guest under Wine (the other platform is where the bridge carries it). Both start in the same working
/// folder (emptied between them), so what the guest prints about it is the same on both sides.
/// </summary>
internal static class DiffSides
{
    // Settings of the user's shell that would make the two sides differ for reasons outside the guest.
    private static readonly string[] Unset = ["TMP", "TEMP", "WINEPREFIX", "WINEDEBUG", "APIBRIDGE_PREFIX", "APIBRIDGE_ISOLATE", "APIBRIDGE_TRACE"];

    public static DiffSide Reference(string platform, string guestPath, IReadOnlyList<string> arguments, DiffScratch scratch,
        IReadOnlyDictionary<string, string?> additions, string? wineOption, Action<string> progress)
    {
        if (platform == GuestPlatformDetector.Windows)
        {
            if (OperatingSystem.IsWindows())
                throw new DiffUnavailableException("a Windows guest runs as it is on a Windows host; compare it with apibridge diff on Linux");
            return UnderWine(guestPath, arguments, scratch, additions, wineOption, progress);
        }
        if (OperatingSystem.IsWindows())
            throw new DiffUnavailableException("a Linux guest's reference run needs a Linux host: run apibridge diff on Linux");
        var environment = Environment(additions);
        environment["HOME"] = scratch.Home;
        return new DiffSide("linux", Runtime.DotnetHost.Find(), [EntryDll(guestPath), .. arguments], environment, LinuxWatched(scratch), null, () => { });
    }

    public static DiffSide Bridged(string platform, string guestPath, IReadOnlyList<string> arguments, DiffScratch scratch,
        IReadOnlyDictionary<string, string?> additions, string? wineOption, Action<string> progress)
    {
        if (platform != GuestPlatformDetector.Windows && !OperatingSystem.IsWindows())
            return LinuxGuestUnderWine(guestPath, arguments, scratch, additions, wineOption, progress);
        var (program, leading) = SelfInvocation();
        var environment = Environment(additions);
        if (platform != GuestPlatformDetector.Windows)
            environment["HOME"] = scratch.Home;
        IReadOnlyList<WatchedFolder> watched = platform == GuestPlatformDetector.Windows ? WindowsWatched(scratch, scratch.BridgedPrefix) : LinuxWatched(scratch);
        // The user's run cache, named before HOME changes: the rewritten copy is the bridge's, not the guest's doing.
        var cache = ApiBridge.Run.Cache.CacheLocation.DefaultDirectory();
        return new DiffSide("apibridge run", program, [.. leading, "run", "--prefix", scratch.BridgedPrefix, "--cache-dir", cache, "--", guestPath, .. arguments],
            environment, watched, platform == GuestPlatformDetector.Windows ? scratch.BridgedPrefix : null, () => { });
    }

    private static DiffSide UnderWine(string guestPath, IReadOnlyList<string> arguments, DiffScratch scratch,
        IReadOnlyDictionary<string, string?> additions, string? wineOption, Action<string> progress)
    {
        var wine = WineLocator.Find(wineOption) ?? throw new DiffUnavailableException(WineLocator.NotFound(wineOption));
        // A self-contained build runs under Wine as it is; a framework-dependent one gets a Windows runtime laid under it.
        var exe = File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(guestPath))!, "coreclr.dll"))
            ? WindowsExe(guestPath)
            : WindowsRuntimeLayout.Assemble(EntryDll(guestPath), scratch.ReferenceApp, progress);
        var environment = WineEnvironment(wine, additions, scratch.ReferencePrefix);
        // The Wine server writes the registry files when it stops: clearing up comes before the registry is read.
        return new DiffSide("wine", wine, [exe, .. arguments], environment, WindowsWatched(scratch, scratch.ReferencePrefix), scratch.ReferencePrefix,
            () => WinePrefixTemplate.StopServer(wine, scratch.ReferencePrefix));
    }

    /// <summary>
    /// A Linux guest's bridged side on a Linux host is where the bridge would carry it, Windows: the guest rewritten
    /// (<c>apibridge rewrite</c>) and run under Wine on a Windows runtime, its POSIX view's prefix in the scratch folder.
    /// Its home is the Windows profile, as the POSIX view maps it there.
    /// </summary>
    private static DiffSide LinuxGuestUnderWine(string guestPath, IReadOnlyList<string> arguments, DiffScratch scratch,
        IReadOnlyDictionary<string, string?> additions, string? wineOption, Action<string> progress)
    {
        var wine = WineLocator.Find(wineOption)
            ?? throw new DiffUnavailableException("a Linux guest's bridged side runs on Windows, here under Wine: " + WineLocator.NotFound(wineOption));
        var dll = EntryDll(guestPath);
        if (File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "libcoreclr.so")))
            throw new DiffUnavailableException($"{guestPath}: a self-contained linux-x64 build cannot run under Wine; compare its framework-dependent build (dotnet build or publish without -r)");
        var (program, leading) = SelfInvocation();
        var rewrite = GuestProcess.Run(program, [.. leading, "rewrite", dll, "-o", scratch.BridgedBuild, "--quiet"], scratch.Root,
            new Dictionary<string, string?>(), null, TimeSpan.FromMinutes(5), CancellationToken.None);
        if (rewrite.ExitCode != 0)
            throw new DiffUnavailableException($"apibridge rewrite {dll} failed: {rewrite.StdErr.Trim()}");
        var exe = WindowsRuntimeLayout.Assemble(Path.Combine(scratch.BridgedBuild, Path.GetFileName(dll)), scratch.BridgedApp, progress);
        var environment = WineEnvironment(wine, additions, scratch.BridgedPrefix);
        Directory.CreateDirectory(scratch.PosixViewPrefix);
        environment["APIBRIDGE_PREFIX"] = "Z:" + scratch.PosixViewPrefix.Replace('/', '\\');
        var profile = Path.Combine(scratch.BridgedPrefix, "drive_c", "users", ApiBridge.Shims.Win32.Registry.Storage.RegistryPrefix.UserName());
        return new DiffSide("apibridge on wine", wine, [exe, .. arguments], environment, [new(profile, "~", '/'), new(scratch.Work, "<work>", '/')], null,
            () => WinePrefixTemplate.StopServer(wine, scratch.BridgedPrefix));
    }

    /// <summary>Wine's settings for a run in a fresh copy of the warm prefix at <paramref name="prefix"/>.</summary>
    private static Dictionary<string, string?> WineEnvironment(string wine, IReadOnlyDictionary<string, string?> additions, string prefix)
    {
        var environment = Environment(additions);
        environment["WINEDEBUG"] = "-all";
        environment["WINEDLLOVERRIDES"] = "mshtml="; // no prompt to install Gecko
        environment["DISPLAY"] = null;
        var template = WinePrefixTemplate.Ensure(wine, environment, out var problem) ?? throw new DiffUnavailableException(problem!);
        OwnWork.Measure("prefix copy", () => WinePrefixTemplate.CopyTo(template, prefix));
        environment["WINEPREFIX"] = prefix;
        return environment;
    }

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> additions)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Unset)
            environment[name] = null;
        foreach (var (name, value) in additions)
            environment[name] = value;
        return environment;
    }

    // The user-visible folders of a Windows guest: its profile (AppData, Documents, Temp), the public profile,
    // ProgramData, the working folder. The profile is shown as C:\users\<user>, so that a run recorded under one
    // login compares with a run under another.
    private static IReadOnlyList<WatchedFolder> WindowsWatched(DiffScratch scratch, string prefix) =>
    [
        new(Path.Combine(prefix, "drive_c", "users", ApiBridge.Shims.Win32.Registry.Storage.RegistryPrefix.UserName()), @"C:\users\<user>", '\\'),
        new(Path.Combine(prefix, "drive_c", "users", "Public"), @"C:\users\Public", '\\'),
        new(Path.Combine(prefix, "drive_c", "ProgramData"), @"C:\ProgramData", '\\'),
        new(scratch.Work, "<work>", '\\'),
    ];

    private static IReadOnlyList<WatchedFolder> LinuxWatched(DiffScratch scratch) =>
    [
        new(scratch.Home, "~", '/'),
        new(scratch.Work, "<work>", '/'),
    ];

    /// <summary>The program Wine (or Windows) starts: the app's .exe, also when the user named its .dll.</summary>
    private static string WindowsExe(string guestPath)
    {
        var full = Path.GetFullPath(guestPath);
        if (full.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            return full;
        var exe = Path.ChangeExtension(full, ".exe");
        return File.Exists(exe) ? exe
            : throw new DiffUnavailableException($"{guestPath}: the reference run starts the app's .exe, and there is no {Path.GetFileName(exe)} beside it");
    }

    private static string EntryDll(string guestPath)
    {
        var full = Path.GetFullPath(guestPath);
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? full : Path.ChangeExtension(full, ".dll");
    }

    /// <summary>How to start this CLI again: its apphost, or <c>dotnet apibridge.dll</c>.</summary>
    private static (string Program, string[] Leading) SelfInvocation()
    {
        var process = System.Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (process, [typeof(DiffSides).Assembly.Location])
            : (process, []);
    }
}

/// <summary>The reference cannot run here (no Wine, no runtime for it, wrong host): exit 2 with the reason.</summary>
internal sealed class DiffUnavailableException(string message) : Exception(message);
