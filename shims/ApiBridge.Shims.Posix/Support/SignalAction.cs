namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// What a signal's disposition is on a Windows host, the fields of glibc's struct sigaction: SIG_DFL (0), SIG_IGN (1)
/// or the address of the guest's handler; the signals blocked while the handler runs (bit n − 1 is signal n); the
/// SA_ flags; the restorer as the guest gave it (nothing calls it: the bridge returns from a handler itself).
/// </summary>
public readonly record struct SignalAction(nint Handler, ulong Mask, int Flags, nint Restorer = 0)
{
    public const nint SIG_DFL = 0, SIG_IGN = 1, SIG_ERR = -1;

    /// <summary>glibc's x86-64 sa_flags bits.</summary>
    public const int SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
        SA_INTERRUPT = 0x20000000, SA_NODEFER = 0x40000000, SA_RESETHAND = unchecked((int)0x80000000);

    /// <summary>Every signal starts with its default action.</summary>
    public static SignalAction Default => new(SIG_DFL, 0, 0);

    public bool IsDefault => Handler == SIG_DFL;

    public bool IsIgnore => Handler == SIG_IGN;

    /// <summary>A guest function, not one of the two special values.</summary>
    public bool IsHandler => !IsDefault && !IsIgnore;

    public bool Has(int flag) => (Flags & flag) != 0;
}
