using System.Text;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The exceptions a Windows program sees from <c>System.IO</c>: the types, messages and HResults .NET on Windows
/// gives for each Win32 error (its <c>Win32Marshal</c> rules), with guest paths in the messages. Used for errors
/// the guest file system reports itself (a path outside an isolated prefix) and to re-show exceptions the host's
/// BCL threw with host paths and errno-based HResults.
/// </summary>
internal static class ManagedErrors
{
    private const int FacilityWin32 = unchecked((int)0x80070000);

    public static int HResult(int win32Error) => FacilityWin32 | win32Error;

    /// <summary>The exception .NET on Windows throws for <paramref name="win32Error"/> on <paramref name="path"/>.</summary>
    public static Exception ForWin32Error(int win32Error, string path) => win32Error switch
    {
        Win32Error.ERROR_FILE_NOT_FOUND => new FileNotFoundException($"Could not find file '{path}'.", path),
        Win32Error.ERROR_PATH_NOT_FOUND or Win32Error.ERROR_INVALID_DRIVE => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        Win32Error.ERROR_ACCESS_DENIED => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        Win32Error.ERROR_FILENAME_EXCED_RANGE => new PathTooLongException($"The path '{path}' is too long, or a component of the specified path is too long."),
        Win32Error.ERROR_FILE_EXISTS => new IOException($"The file '{path}' already exists.", HResult(win32Error)),
        Win32Error.ERROR_ALREADY_EXISTS => new IOException($"Cannot create '{path}' because a file or directory with the same name already exists.", HResult(win32Error)),
        Win32Error.ERROR_SHARING_VIOLATION => new IOException($"The process cannot access the file '{path}' because it is being used by another process.", HResult(win32Error)),
        _ => new IOException($"{SystemMessage(win32Error)} : '{path}'", HResult(win32Error)),
    };

    private static string SystemMessage(int win32Error) => win32Error switch
    {
        Win32Error.ERROR_INVALID_NAME => "The filename, directory name, or volume label syntax is incorrect.",
        Win32Error.ERROR_DIR_NOT_EMPTY => "The directory is not empty.",
        Win32Error.ERROR_NOT_SAME_DEVICE => "The system cannot move the file to a different disk drive.",
        Win32Error.ERROR_DISK_FULL => "There is not enough space on the disk.",
        Win32Error.ERROR_DIRECTORY => "The directory name is invalid.",
        _ => $"Win32 error {win32Error}",
    };

    /// <summary>
    /// <paramref name="error"/> as a Windows program would see it, or null when it is already right: host paths in
    /// the message become guest paths, and the host's errno-valued HResults of <see cref="IOException"/> become the
    /// Win32 ones (a sharing violation is 0x80070020 on Windows, EWOULDBLOCK on Linux). When the caller knows the host
    /// path it passed (<paramref name="hostPath"/>) and the guest's full path it stands for (<paramref name="guestPath"/>,
    /// in the letter case the program typed), that one is shown as typed, as Windows shows it.
    /// </summary>
    public static Exception? AsGuest(Exception error, string? hostPath = null, string? guestPath = null)
    {
        if (error is not (IOException or UnauthorizedAccessException))
            return null;
        var message = GuestMessage(error.Message, hostPath, guestPath);
        var win32 = error.GetType() == typeof(IOException) ? Win32ErrorOfErrno(error.HResult) : 0;
        if (win32 == Win32Error.ERROR_FILE_EXISTS && ThrownBy(error, CreatesOrMoves))
            win32 = Win32Error.ERROR_ALREADY_EXISTS; // MoveFileExW and CreateDirectoryW say 183 where CopyFile/CreateFile say 80
        if (ReferenceEquals(message, error.Message) && win32 == 0)
            return null;
        return error switch
        {
            FileNotFoundException notFound => new FileNotFoundException(message, notFound.FileName is { } name
                ? guestPath is not null && name == hostPath ? guestPath : WindowsManagedPaths.ToGuest(name) : null),
            DirectoryNotFoundException => new DirectoryNotFoundException(message),
            PathTooLongException => new PathTooLongException(message),
            UnauthorizedAccessException => new UnauthorizedAccessException(message),
            _ when error.GetType() == typeof(IOException) && win32 != 0 => WithWindowsText(win32, message, error.Message),
            _ when error.GetType() == typeof(IOException) => new IOException(message, error.HResult),
            _ => null, // a subtype we cannot rebuild (EndOfStreamException, FileLoadException …): left as it is
        };
    }

    /// <summary>
    /// The operations that say ERROR_ALREADY_EXISTS on Windows: the host BCL's System.IO.FileSystem methods, and the
    /// managed view's wrappers of the public members over them (named Type_Member_N). Both are looked for because a
    /// tier-1 JIT may inline the FileSystem method into its caller, and then its frame is not in the stack trace;
    /// the wrapper's frame always is, as it holds the handler that called us.
    /// </summary>
    private static readonly string[] CreatesOrMoves =
    [
        "MoveFile", "MoveDirectory", "CreateDirectory",
        "File_Move_", "FileInfo_MoveTo_", "Directory_Move_", "DirectoryInfo_MoveTo_",
        "Directory_CreateDirectory_", "DirectoryInfo_Create_", "DirectoryInfo_CreateSubdirectory_",
    ];

    // Whether one of the operations threw (error paths only: walking a stack trace is not cheap).
    private static bool ThrownBy(Exception error, string[] operations)
    {
        foreach (var frame in new System.Diagnostics.StackTrace(error, fNeedFileInfo: false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method is null)
                continue;
            if (method.DeclaringType?.FullName == "System.IO.FileSystem" && operations.Contains(method.Name))
                return true;
            if (method.DeclaringType?.Name == "<ApiBridge>ManagedView" && operations.Any(o => o.EndsWith('_') && method.Name.StartsWith(o, StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    private static IOException WithWindowsText(int win32, string message, string original)
    {
        // .NET on Linux words some errors after strerror ("Directory not empty : '/x'"): give Windows' wording.
        var quoted = message.IndexOf('\'');
        var path = quoted >= 0 && message.LastIndexOf('\'') > quoted ? message[(quoted + 1)..message.LastIndexOf('\'')] : null;
        if (path is null)
            return new IOException(message, HResult(win32));
        return (IOException)ForWin32Error(win32, path);
    }

    // errno values .NET on Linux leaves in IOException.HResult, and the Win32 error Windows reports instead.
    private static int Win32ErrorOfErrno(int hresult) => hresult switch
    {
        11 => Win32Error.ERROR_SHARING_VIOLATION, // EWOULDBLOCK from the advisory lock FileShare takes
        17 => Win32Error.ERROR_FILE_EXISTS,       // EEXIST
        18 => Win32Error.ERROR_NOT_SAME_DEVICE,   // EXDEV
        28 => Win32Error.ERROR_DISK_FULL,         // ENOSPC
        39 => Win32Error.ERROR_DIR_NOT_EMPTY,     // ENOTEMPTY
        20 => Win32Error.ERROR_DIRECTORY,         // ENOTDIR
        _ => 0,
    };

    // Every quoted absolute host path ('/…') in a BCL message, shown as the guest's path.
    private static string GuestMessage(string message, string? hostPath, string? guestPath)
    {
        var at = message.IndexOf("'/", StringComparison.Ordinal);
        if (at < 0)
            return message;
        var text = new StringBuilder(message.Length);
        var copied = 0;
        while (at >= 0)
        {
            var close = message.IndexOf('\'', at + 1);
            if (close < 0)
                break;
            text.Append(message, copied, at + 1 - copied);
            var quoted = message.AsSpan(at + 1, close - at - 1);
            text.Append(guestPath is not null && quoted.SequenceEqual(hostPath) ? guestPath : WindowsPathView.FromHost(quoted.ToString()));
            copied = close;
            at = message.IndexOf("'/", close + 1, StringComparison.Ordinal);
        }
        text.Append(message, copied, message.Length - copied);
        return text.ToString();
    }
}
