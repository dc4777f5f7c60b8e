namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>Host failures (Linux errno values, .NET exceptions) as the Win32 codes Windows gives for the same situation.</summary>
public static class HostErrors
{
    /// <summary>
    /// The Win32 code of a Linux errno. ENOENT is ERROR_FILE_NOT_FOUND; callers that know a folder on the way is
    /// missing use <see cref="Win32Error.ERROR_PATH_NOT_FOUND"/> instead (the resolver tells them).
    /// </summary>
    public static int FromErrno(int errno) => errno switch
    {
        0 => Win32Error.ERROR_SUCCESS,
        Posix.ENOENT => Win32Error.ERROR_FILE_NOT_FOUND,
        Posix.ENOTDIR => Win32Error.ERROR_PATH_NOT_FOUND,
        Posix.EACCES or Posix.EPERM or Posix.EROFS or Posix.EISDIR => Win32Error.ERROR_ACCESS_DENIED,
        Posix.EEXIST => Win32Error.ERROR_ALREADY_EXISTS,
        Posix.ENOTEMPTY => Win32Error.ERROR_DIR_NOT_EMPTY,
        Posix.EBUSY or Posix.ETXTBSY => Win32Error.ERROR_SHARING_VIOLATION,
        Posix.ENOSPC or Posix.EDQUOT or Posix.EFBIG => Win32Error.ERROR_DISK_FULL,
        Posix.EMFILE or Posix.ENFILE => Win32Error.ERROR_TOO_MANY_OPEN_FILES,
        Posix.ENAMETOOLONG => Win32Error.ERROR_FILENAME_EXCED_RANGE,
        Posix.ELOOP => Win32Error.ERROR_CANT_RESOLVE_FILENAME,
        Posix.EXDEV => Win32Error.ERROR_NOT_SAME_DEVICE,
        Posix.EBADF => Win32Error.ERROR_INVALID_HANDLE,
        Posix.EINVAL => Win32Error.ERROR_INVALID_PARAMETER,
        Posix.ESPIPE => Win32Error.ERROR_INVALID_PARAMETER,
        Posix.EPIPE => Win32Error.ERROR_BROKEN_PIPE,
        Posix.ENOMEM => Win32Error.ERROR_NOT_ENOUGH_MEMORY,
        Posix.EAGAIN => Win32Error.ERROR_LOCK_VIOLATION,
        Posix.EIO => Win32Error.ERROR_GEN_FAILURE,
        _ => Win32Error.ERROR_ACCESS_DENIED,
    };

    /// <summary>The Win32 code of an exception thrown by a .NET file API (the portable, non-Linux path).</summary>
    public static int FromException(Exception error) => error switch
    {
        FileNotFoundException => Win32Error.ERROR_FILE_NOT_FOUND,
        DirectoryNotFoundException => Win32Error.ERROR_PATH_NOT_FOUND,
        UnauthorizedAccessException => Win32Error.ERROR_ACCESS_DENIED,
        PathTooLongException => Win32Error.ERROR_FILENAME_EXCED_RANGE,
        ArgumentException => Win32Error.ERROR_INVALID_NAME,
        OutOfMemoryException => Win32Error.ERROR_NOT_ENOUGH_MEMORY,
        IOException io when (io.HResult & 0xFFFF0000) == 0x80070000 => io.HResult & 0xFFFF,
        IOException io when io.HResult is > 0 and < 200 => FromErrno(io.HResult),
        _ => Win32Error.ERROR_GEN_FAILURE,
    };
}
