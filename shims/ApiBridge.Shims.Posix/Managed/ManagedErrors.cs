using System.Text;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The exceptions a Linux program sees from <c>System.IO</c>: the types, messages and HResults .NET on Linux gives
/// for each errno (FileNotFoundException 0x80070002, DirectoryNotFoundException 0x80070003, UnauthorizedAccess
/// 0x80070005, and for the rest an <see cref="IOException"/> whose HResult is the raw errno: a sharing violation is 11,
/// an existing file 17, a folder not empty 39), with guest paths in the messages. Used for errors the path view
/// reports itself and to re-show exceptions a Windows host's BCL threw with host paths and Win32 HResults.
/// </summary>
internal static class ManagedErrors
{
    /// <summary>The exception .NET on Linux throws for <paramref name="errno"/> on <paramref name="path"/> (a guest path).</summary>
    public static Exception ForErrno(int errno, string path, bool isDirectory = false) => errno switch
    {
        Errno.ENOENT when isDirectory => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        Errno.ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
        Errno.EACCES or Errno.EBADF or Errno.EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        Errno.ENAMETOOLONG => new PathTooLongException($"The path '{path}' is too long, or a component of the specified path is too long."),
        Errno.EAGAIN => new IOException($"The process cannot access the file '{path}' because it is being used by another process.", errno),
        Errno.EEXIST => new IOException($"The file '{path}' already exists.", errno),
        _ => new IOException($"{StrError(errno)} : '{path}'", errno),
    };

    /// <summary>glibc's strerror text, which .NET on Linux puts in its messages.</summary>
    public static string StrError(int errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EIO => "Input/output error",
        Errno.EBADF => "Bad file descriptor",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.EACCES => "Permission denied",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.EXDEV => "Invalid cross-device link",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.EMFILE => "Too many open files",
        Errno.EFBIG => "File too large",
        Errno.ENOSPC => "No space left on device",
        Errno.EROFS => "Read-only file system",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOTEMPTY => "Directory not empty",
        Errno.ELOOP => "Too many levels of symbolic links",
        _ => $"Unknown error {errno}",
    };

    /// <summary>
    /// <paramref name="error"/> as a Linux program would see it, or null when it is already right: host paths in the
    /// message become guest paths, and on a Windows host the Win32 HResults of a plain <see cref="IOException"/>
    /// become the errno .NET on Linux leaves there, with Linux's wording.
    /// </summary>
    public static Exception? AsGuest(Exception error)
    {
        if (error is not (IOException or UnauthorizedAccessException))
            return null;
        var message = GuestMessage(error.Message, out var firstPath);
        var errno = error.GetType() == typeof(IOException) ? ErrnoOfWin32HResult(error.HResult) : 0;
        if (ReferenceEquals(message, error.Message) && errno == 0)
            return null;
        return error switch
        {
            FileNotFoundException notFound => new FileNotFoundException(message, notFound.FileName is { } name ? PosixManagedPaths.ToGuest(name) : null),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            PathTooLongException => new PathTooLongException(message),
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            _ when error.GetType() == typeof(IOException) && errno != 0 =>
                firstPath is null ? new IOException(message, errno) : ForErrno(errno, firstPath),
            _ when error.GetType() == typeof(IOException) => new IOException(message, error.HResult),
            _ => null, // a subtype we cannot rebuild (EndOfStreamException, FileLoadException …): left as it is
        };
    }

    // Win32 errors in a Windows host's IOException.HResult, and the errno .NET on Linux reports instead.
    private static int ErrnoOfWin32HResult(int hresult)
    {
        if ((hresult & 0xFFFF0000) != 0x80070000)
            return 0;
        return (hresult & 0xFFFF) switch
        {
            32 or 33 => Errno.EAGAIN,   // SHARING/LOCK_VIOLATION: EWOULDBLOCK from the lock FileShare takes
            80 or 183 => Errno.EEXIST,  // FILE_EXISTS, ALREADY_EXISTS
            17 => Errno.EXDEV,          // NOT_SAME_DEVICE
            112 or 39 => Errno.ENOSPC,  // DISK_FULL, HANDLE_DISK_FULL
            145 => Errno.ENOTEMPTY,     // DIR_NOT_EMPTY
            267 => Errno.ENOTDIR,       // DIRECTORY
            _ => 0,
        };
    }

    // Every quoted host path in a BCL message, shown as the guest's path; the first guest path found is returned too.
    private static string GuestMessage(string message, out string? firstPath)
    {
        firstPath = null;
        var open = message.IndexOf('\'');
        if (open < 0)
            return message;
        StringBuilder? text = null;
        var copied = 0;
        while (open >= 0)
        {
            var close = message.IndexOf('\'', open + 1);
            if (close < 0)
                break;
            var quoted = message[(open + 1)..close];
            if (PosixManagedPaths.GuestOfHostPath(quoted) is { } guest)
            {
                firstPath ??= guest;
                if (!string.Equals(guest, quoted, StringComparison.Ordinal))
                {
                    text ??= new StringBuilder(message.Length);
                    text.Append(message, copied, open + 1 - copied).Append(guest);
                    copied = close;
                }
            }
            open = message.IndexOf('\'', close + 1);
        }
        if (text is null)
            return message;
        text.Append(message, copied, message.Length - copied);
        return text.ToString();
    }
}
