namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// The process's byte-range locks (LockFile), per file (by the share table's identity, else the host path), each
/// owned by the handle that took it and released when that handle closes. Locks conflict with locks: two overlapping
/// ones cannot both be held, even by one handle; a zero-length lock overlaps nothing (Wine's test_LockFile). Reads and
/// writes through other handles are not refused (the locks are advisory, as Linux's are).
/// </summary>
public sealed class ByteRangeLocks
{
    private readonly record struct Range(object File, OpenFile Owner, ulong Offset, ulong Length)
    {
        public bool Overlaps(ulong offset, ulong length) =>
            Length != 0 && length != 0 && offset < Offset + Length && Offset < offset + length;
    }

    private readonly List<Range> held = new();

    public static ByteRangeLocks Process { get; } = new();

    private static object FileOf(OpenFile file) => file.Share is { } share ? share.Key : file.HostPath;

    /// <summary>False when the range overlaps a lock already held on the file.</summary>
    public bool TryLock(OpenFile owner, ulong offset, ulong length)
    {
        var file = FileOf(owner);
        lock (held)
        {
            if (held.Any(r => Equals(r.File, file) && r.Overlaps(offset, length)))
                return false;
            held.Add(new Range(file, owner, offset, length));
            return true;
        }
    }

    /// <summary>False when this handle holds no lock of exactly this offset and length.</summary>
    public bool Unlock(OpenFile owner, ulong offset, ulong length)
    {
        lock (held)
        {
            var index = held.FindIndex(r => ReferenceEquals(r.Owner, owner) && r.Offset == offset && r.Length == length);
            if (index < 0)
                return false;
            held.RemoveAt(index);
            return true;
        }
    }

    /// <summary>CloseHandle: the handle's locks go with it.</summary>
    public void ReleaseAll(OpenFile owner)
    {
        lock (held)
            held.RemoveAll(r => ReferenceEquals(r.Owner, owner));
    }
}
