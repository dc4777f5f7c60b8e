using System.Collections.Concurrent;

namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// An I/O completion port used as Windows programs use one without files: a queue of completion packets (bytes,
/// key, OVERLAPPED pointer) that threads post and take, first in, first out. Closing its last handle wakes the
/// waiters, who then fail as on Windows (ERROR_ABANDONED_WAIT_0).
/// </summary>
public sealed class CompletionPort : IDisposable
{
    public readonly record struct Packet(uint Bytes, nint Key, nint Overlapped);

    private readonly BlockingCollection<Packet> packets = new(new ConcurrentQueue<Packet>());

    public void Post(Packet packet)
    {
        if (!packets.IsAddingCompleted)
            packets.TryAdd(packet);
    }

    /// <summary>Takes the oldest packet: true; false on timeout; null when the port was closed.</summary>
    public bool? Take(int milliseconds, out Packet packet)
    {
        try
        {
            if (packets.TryTake(out packet, milliseconds))
                return true;
            return packets.IsAddingCompleted ? null : false;
        }
        catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
        {
            packet = default;
            return null;
        }
    }

    /// <summary>Takes whatever is queued now, as many as fit, without waiting.</summary>
    public int TakeMore(Span<Packet> into)
    {
        var taken = 0;
        while (taken < into.Length && packets.TryTake(out var packet))
            into[taken++] = packet;
        return taken;
    }

    public void Dispose() => packets.CompleteAdding();
}
