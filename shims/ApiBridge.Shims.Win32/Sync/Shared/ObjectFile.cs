using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>
/// The file that holds one named object's <see cref="SharedState"/> for every process of a prefix, and the two
/// open-file-description locks (Linux <c>F_OFD_*</c>, fcntl(2)) that make it safe:
/// <list type="bullet">
/// <item>byte 0, the <b>state lock</b>: held exclusively while a process reads and changes the state, a few
/// microseconds; a process that dies holding it loses it with its descriptors, so it never stays taken;</item>
/// <item>byte 1, <b>presence</b>: a shared lock each process holds while it has a handle to the object. An object
/// nobody holds presence on is dead, whatever its file says (its last handle was closed, or its processes ended),
/// which is how Windows ends a named object with its last handle without any process having to clean up.</item>
/// </list>
/// OFD locks belong to the open file, not the process: the descriptor is this process's only one for the file and
/// its threads share it, so a monitor orders them before the state lock. Not for use by two threads without it.
/// </summary>
internal sealed unsafe class ObjectFile : IDisposable
{
    private const string LibC = "libc.so.6";
    private const int F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
    private const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    private const long StateByte = 0, PresenceByte = 1;

    private readonly object gate = new();
    private int fd;

    private ObjectFile(int fd) => this.fd = fd;

    /// <summary>Opens (creating when missing) the object file at <paramref name="path"/>; null when the host refused (errno in <paramref name="error"/>).</summary>
    public static ObjectFile? Open(string path, out int error)
    {
        var descriptor = Posix.Open(path, Posix.O_RDWR | Posix.O_CREAT, 0x180 /* 0600: the prefix's owner only */);
        error = descriptor < 0 ? -descriptor : 0;
        return descriptor < 0 ? null : new ObjectFile(descriptor);
    }

    /// <summary>Runs <paramref name="change"/> on the state under the state lock and writes back what it returns.</summary>
    public T Update<T>(Func<SharedState, (SharedState State, T Result)> change)
    {
        lock (gate)
        {
            SetLock(F_OFD_SETLKW, F_WRLCK, StateByte);
            try
            {
                var before = Read();
                var (after, result) = change(before);
                if (!after.Equals(before))
                    Write(after);
                return result;
            }
            finally
            {
                SetLock(F_OFD_SETLK, F_UNLCK, StateByte);
            }
        }
    }

    /// <summary>Whether another open of this file (another process) holds presence. Call under <see cref="Update{T}"/>.</summary>
    public bool OthersPresent()
    {
        var probe = new Flock { Type = F_WRLCK, Whence = 0, Start = PresenceByte, Length = 1 };
        if (Fcntl(fd, F_OFD_GETLK, &probe) != 0)
            throw new IOException($"fcntl(F_OFD_GETLK) failed: errno {Marshal.GetLastPInvokeError()}");
        return probe.Type != F_UNLCK; // our own shared lock never conflicts with a request from the same open file
    }

    /// <summary>Takes presence: this process has the object open. Released when the file is disposed.</summary>
    public void MarkPresent() => SetLock(F_OFD_SETLK, F_RDLCK, PresenceByte);

    /// <summary>Closing the descriptor drops both locks: the state lock is not held, presence ends.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (fd >= 0)
                Posix.Close(fd);
            fd = -1;
        }
    }

    private SharedState Read()
    {
        SharedState state;
        var read = Posix.PRead(fd, (byte*)&state, sizeof(SharedState), 0);
        // A file made a moment ago is empty: all zeros is "no object" (Kind 0).
        return read == sizeof(SharedState) ? state : default;
    }

    private void Write(SharedState state)
    {
        if (Posix.PWrite(fd, (byte*)&state, sizeof(SharedState), 0) != sizeof(SharedState))
            throw new IOException("Writing a named object's state failed");
    }

    private void SetLock(int command, short type, long start)
    {
        var request = new Flock { Type = type, Whence = 0, Start = start, Length = 1 };
        while (Fcntl(fd, command, &request) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Posix.EINTR)
                throw new IOException($"fcntl({command}) on a named object's file failed: errno {errno}");
        }
    }

    /// <summary><c>struct flock</c> on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid; // 0: OFD locks require it
    }

    [DllImport(LibC, EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, Flock* argument);
}
