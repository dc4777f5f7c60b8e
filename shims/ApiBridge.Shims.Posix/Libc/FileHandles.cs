using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using Microsoft.Win32.SafeHandles;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// name_to_handle_at and open_by_handle_at: a Linux host makes and opens the handles itself (the opened file becomes
/// a descriptor of the guest's table, named by its guest path). NTFS exports no Linux file handles, so on a Windows
/// host name_to_handle_at is EOPNOTSUPP once the path is found — what Linux answers for a file system without
/// them — and open_by_handle_at is EPERM, since it needs CAP_DAC_READ_SEARCH, which a guest there never holds.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class FileHandles
{
    private const int AT_HANDLE_FID = 0x200;

    /// <summary>
    /// int name_to_handle_at(int dirfd, const char *pathname, struct file_handle *handle, int *mount_id, int flags) —
    /// flags AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, AT_HANDLE_FID; any other EINVAL. A handle_bytes too small: EOVERFLOW
    /// with the size needed written back.
    /// </summary>
    [ShimExport("name_to_handle_at")]
    public static int name_to_handle_at(int dirfd, byte* pathname, void* handle, int* mount_id, int flags)
    {
        if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH | AT_HANDLE_FID)) != 0)
            return Fail(Errno.EINVAL);
        if (pathname == null)
            return Fail(Errno.EFAULT);
        if (*pathname == 0 && (flags & AT_EMPTY_PATH) != 0)
        {
            var d = PosixServices.Descriptors.Get(dirfd);
            if (d is null && dirfd != AT_FDCWD)
                return Fail(Errno.EBADF);
            if (!HostLibc.Available)
                return Fail(Errno.EOPNOTSUPP);
            var hostPath = d?.HostPath is { Length: > 0 } p ? p : Directory.GetCurrentDirectory();
            fixed (byte* host = HostLibc.Z(hostPath))
                return HostLibc.name_to_handle_at(AT_FDCWD, host, handle, mount_id, flags & ~AT_EMPTY_PATH) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        if (!HostLibc.Available)
        {
            var kind = HostFiles.KindOf(path, follow: (flags & AT_SYMLINK_FOLLOW) != 0);
            return Fail(kind == EntryKind.Missing ? HostFiles.MissingError(path.Host) : Errno.EOPNOTSUPP);
        }
        fixed (byte* host = HostLibc.Z(path.Host))
            return HostLibc.name_to_handle_at(AT_FDCWD, host, handle, mount_id, flags) == 0 ? 0 : Fail(HostLibc.Errno);
    }

    /// <summary>
    /// int open_by_handle_at(int mount_fd, struct file_handle *handle, int flags) — a new descriptor of the file the
    /// handle names, opened with flags; EBADF for a mount_fd not open, then the privilege (EPERM).
    /// </summary>
    [ShimExport("open_by_handle_at")]
    public static int open_by_handle_at(int mount_fd, void* handle, int flags)
    {
        var d = PosixServices.Descriptors.Get(mount_fd);
        if (d is null && mount_fd != AT_FDCWD)
            return Fail(Errno.EBADF);
        if (!HostLibc.Available)
            return Fail(Errno.EPERM);
        // The host needs a descriptor on the mount: the file's own, or the folder opened for the call.
        var hostPath = d?.HostPath is { Length: > 0 } p ? p : Directory.GetCurrentDirectory();
        int mount;
        fixed (byte* host = HostLibc.Z(hostPath))
            mount = HostLibc.open(host, O_RDONLY | O_CLOEXEC, 0);
        if (mount < 0)
            return Fail(HostLibc.Errno);
        var opened = HostLibc.open_by_handle_at(mount, handle, flags | O_CLOEXEC);
        var openError = HostLibc.Errno;
        HostLibc.close(mount);
        if (opened < 0)
            return Fail(openError);
        return Adopt(opened, flags);
    }

    /// <summary>Makes a guest descriptor of a host descriptor just opened: a folder by its path, a file by its handle.</summary>
    private static int Adopt(int hostFd, int flags)
    {
        var hostPath = File.ResolveLinkTarget($"/proc/self/fd/{hostFd}", returnFinalTarget: false)?.FullName ?? "";
        var guestPath = PosixServices.View.ToGuest(hostPath) ?? hostPath;
        OpenFileDescription description;
        if (HostNative.IsDirectory(hostFd))
        {
            HostLibc.close(hostFd);
            description = OpenFileDescription.ForDirectory(flags, guestPath, hostPath);
        }
        else
            description = OpenFileDescription.ForFile(flags, guestPath, hostPath, new SafeFileHandle(hostFd, ownsHandle: true));
        var fd = PosixServices.Descriptors.Add(description);
        if (fd < 0)
        {
            description.Release();
            return Fail(Errno.EMFILE);
        }
        return fd;
    }
}
