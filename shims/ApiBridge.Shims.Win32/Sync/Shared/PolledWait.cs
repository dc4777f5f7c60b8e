using System.Diagnostics;

namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>
/// Waits on a set that holds at least one <see cref="SharedObject"/>. Another process changes a shared object
/// without telling this one, so the wait polls: it tries the objects, then sleeps 1 ms, doubling to 8 ms, until the
/// timeout (a signal is seen within 8 ms). Each try keeps Windows' rules: wait-any acquires only the lowest-indexed
/// signalled object; wait-all acquires nothing until everything is signalled for the caller, then all at once, with
/// every shared object's state lock held (taken in name order, so two processes' wait-alls cannot deadlock). Local
/// targets (the process's own wait handles, processes, threads, files) are tried without waiting.
/// </summary>
internal static class PolledWait
{
    public const uint WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_TIMEOUT = 258, INFINITE = 0xFFFFFFFF;
    private const int LongestSleep = 8;

    /// <summary>WaitForMultipleObjects over <paramref name="targets"/>, each a <see cref="WaitHandle"/> or a <see cref="SharedObject"/>.</summary>
    public static uint Wait(object[] targets, bool waitAll, uint milliseconds)
    {
        var clock = Stopwatch.StartNew();
        var sleep = 1;
        while (true)
        {
            var result = waitAll ? TryAll(targets) : TryAny(targets);
            if (result != WAIT_TIMEOUT)
                return result;
            long left = milliseconds == INFINITE ? LongestSleep : milliseconds - clock.ElapsedMilliseconds;
            if (left <= 0)
                return WAIT_TIMEOUT;
            Thread.Sleep((int)Math.Min(sleep, left));
            sleep = Math.Min(sleep * 2, LongestSleep);
        }
    }

    private static uint TryAny(object[] targets)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i] is SharedObject shared)
            {
                var taken = shared.TryAcquire();
                if (taken != Acquire.NotSignalled)
                    return (taken == Acquire.Abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + (uint)i;
                continue;
            }
            try
            {
                if (((WaitHandle)targets[i]).WaitOne(0))
                    return WAIT_OBJECT_0 + (uint)i;
            }
            catch (AbandonedMutexException)
            {
                return WAIT_ABANDONED_0 + (uint)i; // this thread owns it now
            }
        }
        return WAIT_TIMEOUT;
    }

    private static uint TryAll(object[] targets)
    {
        var shared = targets.OfType<SharedObject>().Distinct().OrderBy(o => o.Key, StringComparer.Ordinal).ToArray();
        var locals = targets.OfType<WaitHandle>().Distinct().ToArray();
        var me = HostThreads.Current;
        var taken = TakeAll(shared, 0, me, locals);
        return taken switch
        {
            Acquire.Acquired => WAIT_OBJECT_0,
            Acquire.Abandoned => WAIT_ABANDONED_0, // as Windows reports an abandoned mutex in a wait-all
            _ => WAIT_TIMEOUT,
        };
    }

    /// <summary>Holds shared[index..]'s state locks in turn; in the innermost, takes the locals, then every shared object on the way out.</summary>
    private static Acquire TakeAll(SharedObject[] shared, int index, ThreadIdentity me, WaitHandle[] locals)
    {
        if (index == shared.Length)
            return TakeLocals(locals);
        return shared[index].File.Update(state =>
        {
            if (!state.IsSignalledFor(me, HostThreads.IsAlive))
                return (state, Acquire.NotSignalled);
            var rest = TakeAll(shared, index + 1, me, locals);
            if (rest == Acquire.NotSignalled)
                return (state, rest);
            var mine = state.TryAcquire(me, HostThreads.IsAlive);
            return (state, mine == Acquire.Abandoned ? mine : rest);
        });
    }

    private static Acquire TakeLocals(WaitHandle[] locals)
    {
        if (locals.Length == 0)
            return Acquire.Acquired;
        try
        {
            return WaitHandle.WaitAll(locals, 0) ? Acquire.Acquired : Acquire.NotSignalled;
        }
        catch (AbandonedMutexException)
        {
            return Acquire.Abandoned; // acquired, one of them abandoned
        }
    }
}
