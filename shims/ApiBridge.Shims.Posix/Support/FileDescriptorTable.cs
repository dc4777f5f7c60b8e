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

    /// <summary>Puts <paramref name="description"/> at the lowest free number (from <paramref name="lowest"/>); -1 when the table is full.</summary>
    public int Add(OpenFileDescription description, int lowest = 0)
    {
        lock (gate)
        {
            for (var fd = lowest; fd < Limit; fd++)
            {
                if (fd == slots.Count)
                    slots.Add(null);
                if (slots[fd] is null)
                {
                    slots[fd] = description;
                    return fd;
                }
            }
            return -1;
        }
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
        }
        description!.Release();
        return true;
    }

    /// <summary>dup: the lowest free number sharing the description; -errno on failure.</summary>
    public int Duplicate(int fd)
    {
        lock (gate)
        {
            var description = Get(fd);
            if (description is null)
                return -Errno.EBADF;
            description.AddReference();
            var copy = Add(description);
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
        }
        replaced?.Release();
        return target;
    }
}
