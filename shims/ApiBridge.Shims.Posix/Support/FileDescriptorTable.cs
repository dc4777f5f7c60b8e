namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The guest's POSIX descriptor table, the same on every host: a new descriptor is the lowest free number,
/// 0, 1 and 2 start as the standard streams, dup shares the open file description. Thread-safe.
/// </summary>
/// <remarks>
/// An emulated table rather than the host's own descriptors, also on Linux: .NET gives Windows handles there,
/// not numbers, dup2 needs control of the numbering, and one implementation is then what the Linux test suite
/// checks and what runs on Windows. What it cannot do: a descriptor is not a host fd, so handing one to native code
/// or wrapping it in a SafeFileHandle does not reach the file.
/// </remarks>
public sealed class FileDescriptorTable
{
    /// <summary>RLIMIT_NOFILE's usual soft limit on Linux.</summary>
    public const int Limit = 1024;

    private readonly object gate = new();
    private readonly List<OpenFileDescription?> slots = new();

    /// <summary>FD_CLOEXEC, a flag of the descriptor (not of the description): dup'ed descriptors start without it.</summary>
    private readonly HashSet<int> closeOnExec = new();

    public FileDescriptorTable(bool standardStreams = true)
    {
        if (standardStreams)
        {
            for (var i = 0; i < 3; i++)
                slots.Add(OpenFileDescription.StandardStream(i));
        }
    }

    /// <summary>Number of open descriptors.</summary>
    public int Count
    {
        get { lock (gate) return slots.Count(s => s is not null); }
    }

    /// <summary>
    /// Puts <paramref name="description"/> at the lowest free number (from <paramref name="lowest"/>); -1 when the
    /// table is full. The new descriptor is close-on-exec when <paramref name="closeOnExec"/> says so, or (null) when
    /// the description was opened with O_CLOEXEC.
    /// </summary>
    public int Add(OpenFileDescription description, int lowest = 0, bool? closeOnExec = null)
    {
        lock (gate)
        {
            for (var fd = lowest; fd < Limit; fd++)
            {
                while (slots.Count <= fd)
                    slots.Add(null);
                if (slots[fd] is null)
                {
                    slots[fd] = description;
                    SetFlag(fd, closeOnExec ?? (description.Flags & Native.OpenFlags.O_CLOEXEC) != 0);
                    return fd;
                }
            }
            return -1;
        }
    }

    /// <summary>Whether the descriptor is close-on-exec (FD_CLOEXEC); false for one that is not open.</summary>
    public bool IsCloseOnExec(int fd)
    {
        lock (gate)
            return closeOnExec.Contains(fd);
    }

    /// <summary>Sets or clears FD_CLOEXEC; false when the descriptor is not open.</summary>
    public bool SetCloseOnExec(int fd, bool value)
    {
        lock (gate)
        {
            if (Get(fd) is null)
                return false;
            SetFlag(fd, value);
            return true;
        }
    }

    private void SetFlag(int fd, bool value)
    {
        if (value)
            closeOnExec.Add(fd);
        else
            closeOnExec.Remove(fd);
    }

    public OpenFileDescription? Get(int fd)
    {
        lock (gate)
            return fd >= 0 && fd < slots.Count ? slots[fd] : null;
    }

    /// <summary>Closes the descriptor; false when it was not open.</summary>
    public bool Close(int fd)
    {
        OpenFileDescription? description;
        lock (gate)
        {
            if (fd < 0 || fd >= slots.Count || slots[fd] is null)
                return false;
            description = slots[fd];
            slots[fd] = null;
            closeOnExec.Remove(fd);
        }
        description!.Release();
        return true;
    }

    /// <summary>dup (and fcntl F_DUPFD from <paramref name="lowest"/>): the lowest free number sharing the description, without FD_CLOEXEC; -errno on failure.</summary>
    public int Duplicate(int fd, int lowest = 0)
    {
        lock (gate)
        {
            var description = Get(fd);
            if (description is null)
                return -Errno.EBADF;
            description.AddReference();
            var copy = Add(description, lowest, closeOnExec: false);
            if (copy < 0)
            {
                description.Release();
                return -Errno.EMFILE;
            }
            return copy;
        }
    }

    /// <summary>dup2: <paramref name="target"/> (closed first if open) shares <paramref name="fd"/>'s description; -errno on failure.</summary>
    public int DuplicateTo(int fd, int target)
    {
        OpenFileDescription? replaced = null;
        lock (gate)
        {
            var description = Get(fd);
            if (description is null || target < 0 || target >= Limit)
                return -Errno.EBADF;
            if (fd == target)
                return target;
            while (slots.Count <= target)
                slots.Add(null);
            replaced = slots[target];
            description.AddReference();
            slots[target] = description;
            closeOnExec.Remove(target);
        }
        replaced?.Release();
        return target;
    }
}
