using System.Runtime.InteropServices;

namespace ApiBridge.Run.Cache;

/// <summary>
/// open(2), flock(2), futimens(2) and close(2) on Linux, for <see cref="CacheEntryUse"/>. .NET's own FileStream cannot
/// serve: its descriptors are close-on-exec (a lock must survive <c>run</c>'s exec into the guest), its flock never
/// waits, and DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns it off.
/// </summary>
internal static unsafe partial class LinuxFileLock
{
    public const int O_RDONLY = 0, O_RDWR = 2, O_CREAT = 0x40, O_CLOEXEC = 0x80000;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const int EINTR = 4, ENOENT = 2;

    /// <summary>A descriptor for <paramref name="path"/>, or -1 with <paramref name="errno"/>.</summary>
    public static int Open(string path, int flags, out int errno)
    {
        int fd;
        do
        {
            fd = open(path, flags, 0x1B6); // 0666, narrowed by the umask
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == EINTR);
        return fd;
    }

    /// <summary>flock(2), retried when a signal interrupts a wait; false when the lock is not taken.</summary>
    public static bool Lock(int fd, int operation)
    {
        while (true)
        {
            if (flock(fd, operation) == 0)
                return true;
            if (Marshal.GetLastPInvokeError() != EINTR)
                return false;
        }
    }

    /// <summary>Sets the file's access and modification times to now (futimens with no times).</summary>
    public static void Touch(int fd) => futimens(fd, null);

    public static void Close(int fd) => close(fd);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int futimens(int fd, void* times);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
