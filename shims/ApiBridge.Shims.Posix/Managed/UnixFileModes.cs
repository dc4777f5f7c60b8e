using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>File.Get/SetUnixFileMode</c>, <c>FileSystemInfo.UnixFileMode</c> and <c>Directory.CreateDirectory(path, mode)</c>
/// for a Linux guest. On a Windows host, where the BCL throws PlatformNotSupportedException, the bits are kept in the
/// prefix's <see cref="UnixModes"/>, the store libc's chmod and stat use: System.IO and libc agree, as on Linux.
/// Elsewhere they are the host's own calls over the translated path.
/// </summary>
internal static class UnixFileModes
{
    private const UnixFileMode AllBits = (UnixFileMode)0xFFF;
    private static readonly bool HostIsWindows = OperatingSystem.IsWindows();

    public static UnixFileMode Get(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return AsGuest(() => GetHost(PosixManagedPaths.ToHost(path)!));
    }

    public static void Set(string path, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(mode);
        AsGuest(() => SetHost(PosixManagedPaths.ToHost(path)!, mode));
    }

    /// <summary>FileSystemInfo.UnixFileMode: as on Linux, -1 for an entry that does not exist.</summary>
    public static UnixFileMode Get(FileSystemInfo info)
    {
        if (!HostIsWindows)
            return info.UnixFileMode;
        info.Refresh();
        return info.Exists ? GetHost(info.FullName) : (UnixFileMode)(-1);
    }

    public static void Set(FileSystemInfo info, UnixFileMode mode)
    {
        if (!HostIsWindows)
        {
            info.UnixFileMode = mode;
            return;
        }
        Validate(mode);
        AsGuest(() => SetHost(info.FullName, mode));
        info.Refresh();
    }

    public static DirectoryInfo CreateDirectory(string path, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(mode);
        return AsGuest(() =>
        {
            var host = PosixManagedPaths.ToHost(path)!;
            if (!HostIsWindows)
                return Directory.CreateDirectory(host, mode);
            var existed = Directory.Exists(host);
            var created = Directory.CreateDirectory(host);
            // As mkdir(2) under Linux's usual umask; an existing folder keeps its mode, as on Linux.
            if (!existed)
                HostFiles.RecordCreatedMode(host, EntryKind.Directory, (uint)mode);
            return PosixManagedPaths.AsTyped(created, path)!;
        });
    }

    private static UnixFileMode GetHost(string host)
    {
        if (!HostIsWindows)
            return File.GetUnixFileMode(host);
        // Throws the BCL's FileNotFoundException for a missing entry (the host path is shown as the guest's).
        var attributes = File.GetAttributes(host);
        var kind = (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory : EntryKind.File;
        return (UnixFileMode)FileStatus.PermissionsOf(host, kind);
    }

    private static void SetHost(string host, UnixFileMode mode)
    {
        if (!HostIsWindows)
        {
            File.SetUnixFileMode(host, mode);
            return;
        }
        var attributes = File.GetAttributes(host);
        HostFiles.SetWindowsHostMode(host, (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory : EntryKind.File, (uint)mode);
    }

    // The BCL's own check (File.SetUnixFileMode on Linux).
    private static void Validate(UnixFileMode mode)
    {
        if ((mode & ~AllBits) != 0)
            throw new ArgumentException("Invalid UnixFileMode value.", nameof(mode));
    }

    private static void AsGuest(Action action) => AsGuest(() =>
    {
        action();
        return 0;
    });

    private static T AsGuest<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception error)
        {
            PosixManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }
}
