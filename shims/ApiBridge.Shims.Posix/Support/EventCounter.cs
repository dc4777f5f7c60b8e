namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The 64-bit counter behind an eventfd(2) descriptor, kept by the bridge on every host (Windows has no such object,
/// and one implementation is then what the Linux tests check). A read takes the whole count (or 1 in semaphore mode)
/// and waits while it is 0; a write adds and waits while the sum would pass 0xfffffffffffffffe.
/// </summary>
public sealed class EventCounter(ulong initial, bool semaphore)
{
    private const ulong Max = 0xFFFF_FFFF_FFFF_FFFE;
    private readonly object gate = new();
    private ulong value = initial;

    /// <summary>The read's value, or -errno (EAGAIN when <paramref name="nonblocking"/> and the count is 0).</summary>
    public long Take(bool nonblocking, out ulong taken)
    {
        lock (gate)
        {
            while (value == 0)
            {
                taken = 0;
                if (nonblocking)
                    return -Errno.EAGAIN;
                Monitor.Wait(gate);
            }
            taken = semaphore ? 1 : value;
            value -= taken;
            Monitor.PulseAll(gate);
            return 0;
        }
    }

    /// <summary>Adds <paramref name="amount"/>: 0, or -errno (EINVAL for the all-ones value, EAGAIN when it would wait and may not).</summary>
    public long Add(ulong amount, bool nonblocking)
    {
        if (amount == ulong.MaxValue)
            return -Errno.EINVAL;
        lock (gate)
        {
            while (Max - value < amount)
            {
                if (nonblocking)
                    return -Errno.EAGAIN;
                Monitor.Wait(gate);
            }
            value += amount;
            Monitor.PulseAll(gate);
            return 0;
        }
    }
}
