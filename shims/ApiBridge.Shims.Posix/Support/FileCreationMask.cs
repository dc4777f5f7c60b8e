namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The process's file mode creation mask (umask). A Linux host keeps its own, which its kernel applies to every file
/// the shims create; a Windows host has none, so the bridge keeps one per process, starting at Linux's usual 022, and
/// applies it where it records a created file's mode (<see cref="HostFiles.RecordCreatedMode"/>).
/// </summary>
public static class FileCreationMask
{
    private static uint windowsHostMask = 0x12; // 022

    /// <summary>The mask now (permission bits only).</summary>
    public static uint Current
    {
        get
        {
            if (!HostLibc.Available)
                return Volatile.Read(ref windowsHostMask);
            var old = HostLibc.umask(0); // the only way to read it; put back at once
            HostLibc.umask(old);
            return old;
        }
    }

    /// <summary>umask(2): sets the mask to <paramref name="mask"/> &amp; 0777 and returns the one before.</summary>
    public static uint Exchange(uint mask) =>
        HostLibc.Available ? HostLibc.umask(mask & 0x1FF) : Interlocked.Exchange(ref windowsHostMask, mask & 0x1FF);
}
