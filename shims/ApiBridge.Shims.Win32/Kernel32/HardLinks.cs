using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// CreateHardLinkW: a second name for a file, through the guest file system (link(2) on Linux). Errors as Windows
/// and Wine give them (checked under wine64): the new name taken ERROR_ALREADY_EXISTS, the existing file missing
/// ERROR_FILE_NOT_FOUND, a folder ERROR_ACCESS_DENIED, the new name's folder missing ERROR_PATH_NOT_FOUND, two
/// host file systems ERROR_NOT_SAME_DEVICE.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class HardLinks
{
    /// <summary>BOOL CreateHardLinkW(LPCWSTR lpFileName, LPCWSTR lpExistingFileName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)</summary>
    [ShimExport("CreateHardLinkW")]
    public static int CreateHardLinkW(char* fileName, char* existingFileName, nint securityAttributes)
    {
        if (OperatingSystem.IsWindows())
            return HostCreateHardLink(fileName, existingFileName, securityAttributes);
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(FileShim.Wide(existingFileName), out var existing);
        if (error != 0)
            return FileShim.Fail(error);
        if (!existing.Exists)
            return FileShim.Fail(existing.MissingError);
        if (existing.IsDirectory || existing.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        error = fs.Resolve(FileShim.Wide(fileName), out var link);
        if (error != 0)
            return FileShim.Fail(error);
        if (link.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (link.Exists)
            return FileShim.Fail(Win32Error.ERROR_ALREADY_EXISTS);
        if (!link.ParentExists)
            return FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
        var errno = Posix.Link(existing.HostPath, link.HostPath);
        return errno == 0 ? 1 : FileShim.Fail(HostErrors.FromErrno(errno));
    }

    [DllImport("kernel32.dll", EntryPoint = "CreateHardLinkW", SetLastError = true)]
    private static extern int HostCreateHardLinkImport(char* fileName, char* existingFileName, nint securityAttributes);

    private static int HostCreateHardLink(char* fileName, char* existingFileName, nint securityAttributes)
    {
        var result = HostCreateHardLinkImport(fileName, existingFileName, securityAttributes);
        if (result == 0)
            LastError.Set(Marshal.GetLastPInvokeError());
        return result;
    }
}
