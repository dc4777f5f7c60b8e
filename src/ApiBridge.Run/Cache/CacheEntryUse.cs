namespace ApiBridge.Run.Cache;

/// <summary>
/// The mark that a running guest uses a cache entry, and the entry's "last used" time: one stamp file in the entry
/// (<see cref="StampFile"/>). A run holds a shared lock on it for the guest's lifetime and touches it (one futimens);
/// removing an entry takes the exclusive lock without waiting, so an entry in use is never removed, and renames the
/// entry away before letting go, so a run that waited for the lock finds the entry gone and rewrites.
/// <para>
/// On Linux the lock is a flock(2) on a descriptor without close-on-exec: <c>run</c> execs into the guest, and the
/// guest process inherits the descriptor and with it the lock, which the kernel drops when the guest (and any child
/// that inherited it too) ends — a killed guest leaves nothing behind. Elsewhere <c>run</c> waits for the guest, and
/// holds an open stream that denies exclusive opens meanwhile.
/// </para>
/// </summary>
public sealed class CacheEntryUse : IDisposable
{
    public const string StampFile = ".apibridge-used";

    // How long a run waits for a removal in progress on hosts without a waiting lock (removals take milliseconds).
    private static readonly TimeSpan RemovalWait = TimeSpan.FromSeconds(2);

    private int descriptor;
    private FileStream? stream;

    private CacheEntryUse(int descriptor, FileStream? stream)
    {
        this.descriptor = descriptor;
        this.stream = stream;
    }

    public static string StampOf(string entryFolder) => Path.Combine(entryFolder, StampFile);

    /// <summary>
    /// Marks the complete entry <paramref name="slot"/> in use and used now; waits while it is being removed. Null when
    /// the entry is not (or no longer) complete. An entry the user cannot write (a read-only cache) is used unmarked.
    /// </summary>
    public static CacheEntryUse? Begin(CacheSlot slot) =>
        OperatingSystem.IsLinux() ? BeginWithFlock(slot) : BeginWithStream(slot);

    /// <summary>Takes <paramref name="entryFolder"/> for removal: null when a guest uses it or it is gone. Never waits.</summary>
    public static CacheEntryUse? TryClaimForRemoval(string entryFolder)
    {
        var stamp = StampOf(entryFolder);
        if (OperatingSystem.IsLinux())
        {
            var fd = LinuxFileLock.Open(stamp, LinuxFileLock.O_RDWR | LinuxFileLock.O_CREAT | LinuxFileLock.O_CLOEXEC, out _);
            if (fd < 0)
                return null;
            if (LinuxFileLock.Lock(fd, LinuxFileLock.LOCK_EX | LinuxFileLock.LOCK_NB))
                return new CacheEntryUse(fd, null);
            LinuxFileLock.Close(fd);
            return null;
        }
        try
        {
            return new CacheEntryUse(-1, new FileStream(stamp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether a guest holds <paramref name="entryFolder"/> now (a snapshot: for listing, not for deciding a removal).</summary>
    public static bool IsInUse(string entryFolder)
    {
        var stamp = StampOf(entryFolder);
        if (!File.Exists(stamp))
            return false;
        if (OperatingSystem.IsLinux())
        {
            var fd = LinuxFileLock.Open(stamp, LinuxFileLock.O_RDONLY | LinuxFileLock.O_CLOEXEC, out _);
            if (fd < 0)
                return false;
            var free = LinuxFileLock.Lock(fd, LinuxFileLock.LOCK_EX | LinuxFileLock.LOCK_NB);
            LinuxFileLock.Close(fd);
            return !free;
        }
        try
        {
            using var probe = new FileStream(stamp, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (descriptor >= 0)
            LinuxFileLock.Close(descriptor);
        descriptor = -1;
        stream?.Dispose();
        stream = null;
    }

    private static CacheEntryUse? BeginWithFlock(CacheSlot slot)
    {
        var stamp = StampOf(slot.Folder);
        // No O_CLOEXEC: the guest this process execs into keeps the descriptor, and with it the lock.
        var fd = LinuxFileLock.Open(stamp, LinuxFileLock.O_RDWR | LinuxFileLock.O_CREAT, out var errno);
        if (fd < 0 && errno != LinuxFileLock.ENOENT)
            fd = LinuxFileLock.Open(stamp, LinuxFileLock.O_RDONLY, out errno); // a cache this user may not write
        if (fd < 0)
            return slot.IsComplete ? new CacheEntryUse(-1, null) : null;
        LinuxFileLock.Lock(fd, LinuxFileLock.LOCK_SH); // waits only while a removal holds the entry
        if (!slot.IsComplete)
        {
            LinuxFileLock.Close(fd); // removed while this run waited
            return null;
        }
        LinuxFileLock.Touch(fd);
        return new CacheEntryUse(fd, null);
    }

    private static CacheEntryUse? BeginWithStream(CacheSlot slot)
    {
        var stamp = StampOf(slot.Folder);
        var deadline = DateTime.UtcNow + RemovalWait;
        while (true)
        {
            try
            {
                var stream = new FileStream(stamp, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
                if (!slot.IsComplete)
                {
                    stream.Dispose();
                    return null;
                }
                File.SetLastWriteTimeUtc(stream.SafeFileHandle, DateTime.UtcNow);
                return new CacheEntryUse(-1, stream);
            }
            catch (Exception error) when (error is DirectoryNotFoundException or FileNotFoundException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return slot.IsComplete ? new CacheEntryUse(-1, null) : null;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // a removal holds it exclusively
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
