namespace ApiBridge.Run.Isolation;

/// <summary>
/// The containment a guest gets, decided before it starts: a Landlock ruleset when isolation is asked for and the kernel
/// has Landlock; else the shims' path checks alone, with a warning, or (<c>--isolate=strict</c>) a refusal.
/// <see cref="Enforce"/> puts the ruleset in force on the thread that then execs the guest, so the guest and every
/// process it starts inherit it.
/// </summary>
public sealed class GuestContainment
{
    /// <summary>
    /// <c>off</c>: act as if the kernel had no Landlock. A test and diagnostic knob: it shows what a guest gets on a
    /// host without Landlock, and the fallback's warning and refusal, on one that has it.
    /// </summary>
    public const string LandlockVariable = "APIBRIDGE_LANDLOCK";

    private readonly LandlockRuleset? ruleset;

    private GuestContainment(LandlockRuleset? ruleset, string description, string? warning = null, string? refusal = null)
    {
        this.ruleset = ruleset;
        Description = description;
        Warning = warning;
        Refusal = refusal;
    }

    /// <summary>What <c>run -v</c> reports: which containment is in force.</summary>
    public string Description { get; }

    /// <summary>Said once on stderr before the guest starts: isolation was asked for, the kernel cannot give it.</summary>
    public string? Warning { get; }

    /// <summary>Set when the guest must not start (strict isolation without Landlock): the one line saying why.</summary>
    public string? Refusal { get; }

    public static GuestContainment Prepare(IsolationLevel level, GuestFiles files, bool allowNetwork)
    {
        if (level == IsolationLevel.Off)
            return new GuestContainment(null, "none (--isolate contains the guest)");
        var missing = WhyNoLandlock(out var abi);
        LandlockRuleset? ruleset = null;
        if (missing is null)
        {
            MakeGrantedPaths(files);
            ruleset = LandlockRuleset.Build(abi, files.Grants(), allowNetwork, out missing);
        }
        if (ruleset is not null)
            return new GuestContainment(ruleset, $"landlock ABI {abi} ({NetworkNote(abi, allowNetwork)})");
        if (level == IsolationLevel.Strict)
            return new GuestContainment(null, $"none ({missing})", refusal: StrictRefusal(missing!));
        return new GuestContainment(null, $"path checks only ({missing})",
            warning: $"warning: --isolate: {missing}: the guest gets the bridge's path checks only, which code that calls "
                + "the host directly (a libc P/Invoke, reflection, a child process) can get around");
    }

    /// <summary>Puts the ruleset in force on the calling thread; null, or the reason it could not be.</summary>
    public string? Enforce() => ruleset?.Enforce();

    public static string StrictRefusal(string why) =>
        $"--isolate=strict: {why}, so the kernel cannot contain the guest; not started (plain --isolate runs it with path checks only)";

    /// <summary>Null when the kernel can contain a guest; else why not (for a refusal made before any work).</summary>
    public static string? WhyNoLandlock() => WhyNoLandlock(out _);

    private static string? WhyNoLandlock(out int abi)
    {
        abi = 0;
        if (Environment.GetEnvironmentVariable(LandlockVariable) is { } setting && setting.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
            return $"Landlock turned off by {LandlockVariable}=off";
        if (!OperatingSystem.IsLinux())
            return "kernel-enforced containment is done on Linux hosts only";
        abi = LandlockNative.AbiVersion();
        return abi switch
        {
            > 0 => null,
            -38 => "kernel has no Landlock",                         // ENOSYS: built without it
            -95 => "kernel has Landlock turned off (lsm= boot option)", // EOPNOTSUPP
            _ => $"kernel has no usable Landlock (errno {-abi})",
        };
    }

    private static string NetworkNote(int abi, bool allowNetwork) =>
        allowNetwork ? "network allowed" : abi >= 4 ? "TCP bind and connect denied" : "network not restricted: kernel ABI below 4";

    /// <summary>A rule needs an open handle on its path: the prefix, the trace file and the runtime's shared folder are made here when missing.</summary>
    private static void MakeGrantedPaths(GuestFiles files)
    {
        try
        {
            Directory.CreateDirectory(files.Prefix);
            if (files.TraceFile is { } trace && !File.Exists(trace))
                File.WriteAllBytes(trace, []);
            // Made as the runtime makes it, open to every user: the guest could not make it inside the sandbox.
            if (OperatingSystem.IsLinux() && !Directory.Exists(GuestFiles.RuntimeSharedFolder))
            {
                Directory.CreateDirectory(GuestFiles.RuntimeSharedFolder);
                File.SetUnixFileMode(GuestFiles.RuntimeSharedFolder, (UnixFileMode)0x1FF);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left to the guest: it reports an unusable prefix or trace file with its own error codes.
        }
    }
}
