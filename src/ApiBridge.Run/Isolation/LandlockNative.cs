using System.Runtime.InteropServices;

namespace ApiBridge.Run.Isolation;

/// <summary>
/// The Landlock system calls (linux/landlock.h) and the two libc calls around them. Landlock has no libc wrappers, so
/// the calls go through <c>syscall(2)</c>; their numbers are the same on every Linux architecture (444–446 were
/// allocated after the syscall tables were unified).
/// </summary>
internal static unsafe partial class LandlockNative
{
    private const long CreateRulesetCall = 444;
    private const long AddRuleCall = 445;
    private const long RestrictSelfCall = 446;

    /// <summary>LANDLOCK_CREATE_RULESET_VERSION: asks for the highest ABI the kernel offers instead of a ruleset.</summary>
    private const long CreateRulesetVersion = 1 << 0;

    /// <summary>LANDLOCK_RULE_PATH_BENEATH.</summary>
    private const long RulePathBeneath = 1;

    private const int PrSetNoNewPrivs = 38;
    private const int OpenPath = 0x200000;     // O_PATH: a handle on the folder for the rule, no read permission needed
    private const int OpenCloseOnExec = 0x80000; // O_CLOEXEC: the guest must not inherit the rule handles

    [StructLayout(LayoutKind.Sequential)]
    private struct RulesetAttr
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet; // ABI 4
        public ulong Scoped;           // ABI 6
    }

    // The kernel's struct is __attribute__((packed)): 12 bytes.
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct PathBeneathAttr
    {
        public ulong AllowedAccess;
        public int ParentFd;
    }

    /// <summary>The kernel's Landlock ABI version, or -errno (ENOSYS: no Landlock in this kernel; EOPNOTSUPP: turned off at boot).</summary>
    public static int AbiVersion()
    {
        var result = syscall(CreateRulesetCall, 0, 0, (nint)CreateRulesetVersion, 0);
        return result >= 0 ? (int)result : -Marshal.GetLastPInvokeError();
    }

    /// <summary>A ruleset descriptor, or -errno. Fields the kernel's ABI does not know must be zero (the kernel checks).</summary>
    public static int CreateRuleset(ulong handledFs, ulong handledNet, ulong scoped)
    {
        var attr = new RulesetAttr { HandledAccessFs = handledFs, HandledAccessNet = handledNet, Scoped = scoped };
        var result = syscall(CreateRulesetCall, (nint)(&attr), sizeof(RulesetAttr), 0, 0);
        return result >= 0 ? (int)result : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Allows <paramref name="access"/> beneath <paramref name="path"/>; 0 or -errno.</summary>
    public static int AddPathRule(int rulesetFd, string path, ulong access)
    {
        var fd = open(path, OpenPath | OpenCloseOnExec);
        if (fd < 0)
            return -Marshal.GetLastPInvokeError();
        try
        {
            var attr = new PathBeneathAttr { AllowedAccess = access, ParentFd = fd };
            var result = syscall(AddRuleCall, rulesetFd, (nint)RulePathBeneath, (nint)(&attr), 0);
            return result >= 0 ? 0 : -Marshal.GetLastPInvokeError();
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>
    /// Restricts the calling thread (and what it execs or forks from then on) to the ruleset; 0 or -errno.
    /// no_new_privs comes first: the kernel requires it of an unprivileged caller, and a contained guest must not
    /// regain rights through a set-user-id program either.
    /// </summary>
    public static int RestrictSelf(int rulesetFd)
    {
        if (prctl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0)
            return -Marshal.GetLastPInvokeError();
        var result = syscall(RestrictSelfCall, rulesetFd, 0, 0, 0);
        return result >= 0 ? 0 : -Marshal.GetLastPInvokeError();
    }

    public static void Close(int fd) => close(fd);

    // syscall(2) and prctl(2) are variadic in C; every argument here is an integer or pointer, which the x86-64 and
    // arm64 Linux calling conventions pass the same way for variadic and fixed parameters.
    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, nint first, nint second, nint third, nint fourth);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint second, nuint third, nuint fourth, nuint fifth);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
