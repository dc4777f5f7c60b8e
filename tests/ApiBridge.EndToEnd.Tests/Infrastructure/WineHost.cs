namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Wine as the reference Windows host. One per test run; its prefix lives in $TMPDIR/apibridge-wine-prefix-&lt;user&gt; and is
/// reused across runs (creating one takes 5-20 s, a run in an existing one about a second).
/// When Wine is missing every test that needs it fails with instructions: the reference is not optional.
/// </summary>
public sealed class WineHost
{
    public const string DefaultWine64 = "/usr/lib/wine/wine64";

    private static readonly Lazy<WineHost> instance = new(() => new WineHost(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared host; throws (and so fails the test) with install instructions when Wine is missing.</summary>
    public static WineHost Instance => instance.Value;

    public string Wine { get; }
    public string Prefix { get; }

    private WineHost()
    {
        Wine = FindWine();
        // Outside the repository: a Wine prefix links z: to the host root, and tools that walk the source tree
        // (BenchmarkDotNet's project search, IDE indexers) would follow it.
        Prefix = Path.Combine(Path.GetTempPath(), "apibridge-wine-prefix-" + System.Environment.UserName);
        EnsurePrefix();
    }

    /// <summary>Runs a Windows program (a path on this host) under Wine.</summary>
    public ProcessResult Run(string windowsExe, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        if (!File.Exists(windowsExe)) throw new FileNotFoundException($"No Windows program at {windowsExe}", windowsExe);
        return ProcessRunner.Run(Wine, new[] { windowsExe }.Concat(args), stdin, timeout ?? TimeSpan.FromMinutes(3),
            workingDirectory: Path.GetDirectoryName(windowsExe), environment: Environment());
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["WINEPREFIX"] = Prefix,
        ["WINEDEBUG"] = "-all",
        // No Gecko (HTML engine) install prompt. Keep mscoree: Wine's loader needs it for IL-only DLLs.
        ["WINEDLLOVERRIDES"] = "mshtml=",
        ["DISPLAY"] = null,
    };

    private void EnsurePrefix()
    {
        // Several test assemblies may start at once: create the prefix once, under a lock.
        using var _ = FileLock.Acquire(Prefix + ".lock");
        if (!File.Exists(Path.Combine(Prefix, "system.reg")))
        {
            Directory.CreateDirectory(Prefix);
            ProcessResult boot = ProcessRunner.Run(Wine, ["wineboot", "--init"], timeout: TimeSpan.FromMinutes(5),
                workingDirectory: Prefix, environment: Environment());
            if (!File.Exists(Path.Combine(Prefix, "system.reg")))
                throw new InvalidOperationException($"Creating the Wine prefix {Prefix} failed.\n{boot.Describe()}");
        }
        SetWindowsVersion();
    }

    // Debian's Wine 8 makes new prefixes report Windows 7 (6.1.7601); the bridge answers as Windows 10 22H2, the
    // oldest Windows .NET 10 supports. The reference is set to the same version, as `winecfg` would.
    private void SetWindowsVersion()
    {
        string marker = Path.Combine(Prefix, "apibridge-win10");
        if (File.Exists(marker)) return;
        ProcessResult set = ProcessRunner.Run(Wine, ["reg", "add", @"HKEY_CURRENT_USER\Software\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f"],
            timeout: TimeSpan.FromMinutes(2), workingDirectory: Prefix, environment: Environment());
        if (set.ExitCode != 0)
            throw new InvalidOperationException($"Setting the Wine prefix {Prefix} to Windows 10 failed.\n{set.Describe()}");
        File.WriteAllText(marker, "win10\n");
    }

    private static string FindWine()
    {
        string? fromEnv = System.Environment.GetEnvironmentVariable("APIBRIDGE_WINE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            if (File.Exists(fromEnv)) return fromEnv;
            throw new InvalidOperationException($"APIBRIDGE_WINE is set to '{fromEnv}', which does not exist.");
        }
        if (File.Exists(DefaultWine64)) return DefaultWine64;
        foreach (string dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (string name in new[] { "wine64", "wine" })
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
            }
        }
        throw new InvalidOperationException(
            "Wine is required for the end-to-end tests (it is the reference Windows host) and was not found: " +
            $"looked at $APIBRIDGE_WINE, {DefaultWine64}, and wine64/wine on PATH. " +
            "Install it with `sudo apt-get update && sudo apt-get install -y wine64` (Debian/Ubuntu; .ci/run does this), " +
            "or point APIBRIDGE_WINE at a wine64 binary.");
    }
}
