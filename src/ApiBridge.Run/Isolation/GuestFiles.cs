using ApiBridge.Runtime;

namespace ApiBridge.Run.Isolation;

/// <summary>
/// The paths a contained guest needs, and nothing else: what <c>run</c> knows of this start, turned into grants
/// (<see cref="Grants"/>). The README's "--isolate" section says why each one is there; keep the two in step.
/// </summary>
public sealed class GuestFiles
{
    /// <param name="dotnet">The dotnet host that will run the guest.</param>
    /// <param name="rewrittenAssembly">The guest's entry assembly in its run-cache entry.</param>
    /// <param name="cliAssembly">The managed CLI (apibridge.dll): the bridge's own files are beside it.</param>
    /// <param name="guestEnvironment">
    /// The guest's whole environment: the prefix and trace file may come from run's options or from variables it inherits.
    /// </param>
    /// <param name="allowed">What the user granted with --allow / APIBRIDGE_ALLOW.</param>
    public GuestFiles(string dotnet, string rewrittenAssembly, string cliAssembly, IDictionary<string, string?> guestEnvironment,
        IReadOnlyList<PathGrant> allowed)
    {
        Dotnet = dotnet;
        AppFolder = Path.GetDirectoryName(Path.GetFullPath(rewrittenAssembly))!;
        BridgeFolder = Path.GetDirectoryName(Path.GetFullPath(cliAssembly))!;
        Prefix = guestEnvironment.TryGetValue(BridgeVariables.Prefix, out var prefix) && !string.IsNullOrEmpty(prefix)
            ? Path.GetFullPath(prefix)
            : DefaultPrefix();
        TraceFile = guestEnvironment.TryGetValue(BridgeVariables.TraceFile, out var trace) && !string.IsNullOrEmpty(trace)
            ? Path.GetFullPath(trace)
            : null;
        Allowed = allowed;
    }

    public string Dotnet { get; }
    public string AppFolder { get; }
    public string BridgeFolder { get; }
    public string Prefix { get; }
    public string? TraceFile { get; }
    public IReadOnlyList<PathGrant> Allowed { get; }

    /// <summary>Every grant, those of paths that do not exist left out (a rule needs an open handle on its path).</summary>
    public IEnumerable<PathGrant> Grants()
    {
        // The runtime in use: the muxer, hostfxr, the shared framework. Linked installs (/usr/bin/dotnet) are
        // followed, since the host finds the framework beside its real path.
        yield return new PathGrant(Path.GetDirectoryName(RealPath(Dotnet))!, GrantKind.ReadExecute);
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
            yield return new PathGrant(root, GrantKind.ReadExecute);
        yield return new PathGrant(AppFolder, GrantKind.ReadExecute);
        // The CLI, so a guest can ask it for a child guest's cached rewrite (apibridge resolve).
        yield return new PathGrant(BridgeFolder, GrantKind.ReadExecute);
        yield return new PathGrant(Prefix, GrantKind.ReadWrite);
        if (TraceFile is not null)
            yield return new PathGrant(TraceFile, GrantKind.ReadWrite);
        // Named mutexes and semaphores (the relay trace's shared file writer takes one): the runtime keeps them in
        // $TMPDIR/.dotnet, shared by every .NET process of the host, so a guest's named mutex still meets the host's.
        yield return new PathGrant(RuntimeSharedFolder, GrantKind.ReadWrite);
        foreach (var grant in Allowed)
            yield return grant;
        foreach (var grant in HostRuntimeNeeds)
            yield return grant;
    }

    /// <summary>
    /// What any .NET process needs from the host beyond its own files. Nothing here can be written but /dev/null, and
    /// nothing here holds the user's data.
    /// </summary>
    private static readonly PathGrant[] HostRuntimeNeeds =
    [
        // Shared libraries the runtime loads (libc, libstdc++, libicu, libssl) and the dynamic loader itself.
        new("/lib", GrantKind.ReadExecute),
        new("/lib64", GrantKind.ReadExecute),
        new("/usr/lib", GrantKind.ReadExecute),
        new("/usr/lib64", GrantKind.ReadExecute),
        new("/usr/local/lib", GrantKind.ReadExecute),
        new("/etc/ld.so.cache", GrantKind.ReadOnly),
        // The account database, which every process on the host may read: Environment.UserName (getpwuid) names the
        // guest's profile folder, and a failing look-up throws. /etc/shadow is not in it.
        new("/etc/nsswitch.conf", GrantKind.ReadOnly),
        new("/etc/passwd", GrantKind.ReadOnly),
        new("/etc/group", GrantKind.ReadOnly),
        // Time zones: TimeZoneInfo.Local reads /etc/localtime (a link into zoneinfo), the rest come from zoneinfo.
        new("/etc/localtime", GrantKind.ReadOnly),
        new("/usr/share/zoneinfo", GrantKind.ReadOnly),
        // Console: terminal capabilities for colours and cursor keys.
        new("/usr/share/terminfo", GrantKind.ReadOnly),
        new("/etc/terminfo", GrantKind.ReadOnly),
        // The runtime reads its own process's limits and layout (/proc/self/maps, status, cgroup, mountinfo) and
        // /proc/meminfo and /proc/stat; a child guest has another process id, so this cannot be narrowed to /proc/<pid>.
        new("/proc", GrantKind.ReadOnly),
        // CPU count and memory limits of the container (the GC sizes its heaps from them).
        new("/sys/fs/cgroup", GrantKind.ReadOnly),
        new("/sys/devices/system/cpu", GrantKind.ReadOnly),
        new("/sys/devices/system/node", GrantKind.ReadOnly), // NUMA layout
        // The null device stands in for a closed standard handle; urandom seeds hashing when getrandom(2) is missing.
        new("/dev/null", GrantKind.ReadWrite),
        new("/dev/urandom", GrantKind.ReadOnly),
        new("/dev/random", GrantKind.ReadOnly),
    ];

    /// <summary>Where the .NET runtime keeps named synchronization objects: $TMPDIR/.dotnet, else /tmp/.dotnet.</summary>
    public static string RuntimeSharedFolder =>
        Path.Combine(Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } temp ? temp : "/tmp", ".dotnet");

    /// <summary>The prefix the shims use when none is named: ~/.apibridge (as FileSystemOptions.FromEnvironment).</summary>
    private static string DefaultPrefix()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".apibridge");
    }

    private static string RealPath(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }
}
