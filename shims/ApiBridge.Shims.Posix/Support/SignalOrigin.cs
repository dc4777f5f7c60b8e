namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Who sent a signal, as an SA_SIGINFO handler's siginfo_t tells it: si_code (SI_USER for kill, SI_TKILL for raise,
/// SI_QUEUE with a value for sigqueue, SI_KERNEL for the alarm timer, as Linux fills them), the sender's pid and uid.
/// </summary>
public readonly record struct SignalOrigin(int Code, int Pid, uint Uid, nint Value = 0)
{
    public const int SI_USER = 0, SI_QUEUE = -1, SI_TKILL = -6, SI_KERNEL = 0x80;

    /// <summary>siginfo_t is 128 bytes: si_signo at 0, si_errno at 4, si_code at 8, si_pid at 16, si_uid at 20, si_value at 24.</summary>
    public const int SiginfoSize = 128;

    /// <summary>Sent by the guest process itself (kill, raise, sigqueue) with the given si_code.</summary>
    public static SignalOrigin Self(int code, nint value = 0) =>
        new(code, ApiBridge.Runtime.Bridge.Environment.ProcessId, PosixServices.Identity.Uid, value);

    /// <summary>Sent by the kernel (the alarm timer, a console event): no pid, no uid.</summary>
    public static SignalOrigin Kernel => new(SI_KERNEL, 0, 0);

    /// <summary>Writes the siginfo_t of signal <paramref name="sig"/> from this origin into 128 bytes at <paramref name="info"/>.</summary>
    public unsafe void Fill(byte* info, int sig)
    {
        new Span<byte>(info, SiginfoSize).Clear();
        *(int*)info = sig;
        *(int*)(info + 8) = Code;
        *(int*)(info + 16) = Pid;
        *(uint*)(info + 20) = Uid;
        *(nint*)(info + 24) = Value;
    }
}
