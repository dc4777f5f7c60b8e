namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// A Windows host's signal mask (Windows has no signals): the calling thread's blocked set, and the signals the
/// process sent itself while they were blocked, which wait there until a thread unblocks them. Bit n-1 is signal n,
/// as in the kernel's sigset. SIGKILL and SIGSTOP cannot be blocked (the kernel drops them silently), nor glibc's
/// own signals 32 and 33 (glibc drops those).
/// </summary>
public sealed class SignalMask
{
    public const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    private const ulong Unblockable = (1UL << (9 - 1)) | (1UL << (19 - 1)) | (1UL << (32 - 1)) | (1UL << (33 - 1));

    [ThreadStatic] private static Dictionary<SignalMask, ulong>? blocked;
    private ulong pending;

    /// <summary>The calling thread's blocked set.</summary>
    public ulong Blocked => blocked is not null && blocked.TryGetValue(this, out var set) ? set : 0;

    /// <summary>The signals waiting for a thread to unblock them.</summary>
    public ulong Pending
    {
        get
        {
            lock (this)
                return pending;
        }
    }

    /// <summary>Changes the calling thread's set (EINVAL for an unknown how); the old set, and the pending signals it unblocked.</summary>
    public int Change(int how, ulong? set, out ulong old, out ulong released)
    {
        old = Blocked;
        released = 0;
        if (set is not { } value)
            return 0; // no new set: how is not looked at, as the kernel does not
        var updated = how switch
        {
            SIG_BLOCK => old | value,
            SIG_UNBLOCK => old & ~value,
            SIG_SETMASK => value,
            _ => (ulong?)null,
        };
        if (updated is null)
            return Errno.EINVAL;
        (blocked ??= [])[this] = updated.Value & ~Unblockable;
        lock (this)
        {
            released = pending & ~Blocked;
            pending &= ~released;
        }
        return 0;
    }

    /// <summary>Takes the lowest pending signal of <paramref name="set"/> off the pending set: its number, or 0.</summary>
    public int Take(ulong set)
    {
        lock (this)
        {
            var waiting = pending & set;
            if (waiting == 0)
                return 0;
            var sig = System.Numerics.BitOperations.TrailingZeroCount(waiting) + 1;
            pending &= ~(1UL << (sig - 1));
            return sig;
        }
    }

    /// <summary>Holds a signal the process sends itself when the calling thread blocks it: true when held.</summary>
    public bool Hold(int sig)
    {
        if (sig is < 1 or > 64 || (Blocked & (1UL << (sig - 1))) == 0)
            return false;
        lock (this)
            pending |= 1UL << (sig - 1);
        return true;
    }

    /// <summary>Drops <paramref name="sig"/> from the pending set (its action became SIG_IGN).</summary>
    public void Discard(int sig)
    {
        if (sig is < 1 or > 64)
            return;
        lock (this)
            pending &= ~(1UL << (sig - 1));
    }
}
