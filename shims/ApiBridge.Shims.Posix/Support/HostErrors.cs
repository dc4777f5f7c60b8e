namespace ApiBridge.Shims.Posix.Support;

/// <summary>Linux errno values for the exceptions .NET's host file APIs throw, on either host.</summary>
public static class HostErrors
{
    public static int ToErrno(Exception error)
    {
        switch (error)
        {
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return Errno.ENOENT;
            case PathTooLongException:
                return Errno.ENAMETOOLONG;
            case UnauthorizedAccessException denied:
                // .NET on Unix folds EACCES, EPERM and EROFS into this one exception and keeps the host's errno in
                // the inner IOException: a guest on Linux gets the errno Linux itself gives (mkdir in sysfs is EPERM).
                return !OperatingSystem.IsWindows() && denied.InnerException is IOException { HResult: > 0 and < 4096 } inner
                    ? inner.HResult
                    : Errno.EACCES;
            case ArgumentException:
                return Errno.EINVAL;
            case NotSupportedException:
                return Errno.EINVAL;
            case ObjectDisposedException:
                // The host handle was closed under the call: another thread closed the descriptor's last number
                // after the call looked it up. As if the call came after the close.
                return Errno.EBADF;
        }
        var code = error.HResult;
        if ((code & 0xFFFF0000) == 0x80070000)
            return FromWin32(code & 0xFFFF);
        // On Unix hosts .NET's IOException carries the raw errno as its HResult.
        if (code > 0 && code < 4096)
            return code;
        return Errno.EIO;
    }

    public static int FromWin32(int error) => error switch
    {
        2 or 3 or 15 or 161 => Errno.ENOENT,               // FILE/PATH_NOT_FOUND, INVALID_DRIVE, BAD_PATHNAME
        5 or 19 => Errno.EACCES,                           // ACCESS_DENIED, WRITE_PROTECT
        32 or 33 => Errno.EBUSY,                           // SHARING/LOCK_VIOLATION
        17 => Errno.EXDEV,                                 // NOT_SAME_DEVICE
        80 or 183 => Errno.EEXIST,                         // FILE_EXISTS, ALREADY_EXISTS
        112 or 39 => Errno.ENOSPC,                         // DISK_FULL, HANDLE_DISK_FULL
        145 => Errno.ENOTEMPTY,                            // DIR_NOT_EMPTY
        206 => Errno.ENAMETOOLONG,                         // FILENAME_EXCED_RANGE
        267 => Errno.ENOTDIR,                              // DIRECTORY
        123 or 87 => Errno.EINVAL,                         // INVALID_NAME, INVALID_PARAMETER
        4 => Errno.EMFILE,                                 // TOO_MANY_OPEN_FILES
        6 => Errno.EBADF,                                  // INVALID_HANDLE
        1921 => Errno.ELOOP,                               // CANT_RESOLVE_FILENAME
        1314 => Errno.EPERM,                               // PRIVILEGE_NOT_HELD (a symbolic link without developer mode)
        1142 => 31,                                        // TOO_MANY_LINKS: EMLINK
        _ => Errno.EIO,
    };
}
