using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// CreateSymbolicLinkW through the guest file system: a host symbolic link (symlink(2) on Linux), so the guest and the
/// host follow it alike. A relative target stays relative (its names matched in the link's folder as the guest's
/// case-insensitive lookup would, so the host finds the same file); an absolute one becomes the host path its drive
/// maps to. The target need not exist, as on Windows. Wine creates links without the privilege Windows asks for, and
/// so does the bridge (no ERROR_PRIVILEGE_NOT_HELD); Linux links have no file/folder kind, so
/// SYMBOLIC_LINK_FLAG_DIRECTORY is accepted and changes nothing.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class SymbolicLinks
{
    public const uint SYMBOLIC_LINK_FLAG_DIRECTORY = 0x1, SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE = 0x2;

    /// <summary>
    /// BOOLEAN CreateSymbolicLinkW(LPCWSTR lpSymlinkFileName, LPCWSTR lpTargetFileName, DWORD dwFlags) — returned as an
    /// int 0/1 (the shims' native shape; a BOOLEAN's byte is its low byte). Unknown flags or
    /// a missing name: ERROR_INVALID_PARAMETER; the link name taken: ERROR_ALREADY_EXISTS; its folder missing:
    /// ERROR_PATH_NOT_FOUND.
    /// </summary>
    [ShimExport("CreateSymbolicLinkW")]
    public static int CreateSymbolicLinkW(char* symlinkFileName, char* targetFileName, uint flags)
    {
        if (OperatingSystem.IsWindows())
            return HostCreateSymbolicLink(symlinkFileName, targetFileName, flags);
        if ((flags & ~(SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE)) != 0
            || symlinkFileName == null || targetFileName == null || *targetFileName == '\0')
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var fs = GuestFileSystem.Current;
        var linkName = new string(symlinkFileName);
        var error = fs.Resolve(linkName, out var link);
        if (error != 0)
            return Fail(error);
        if (link.IsDevice)
            return Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (link.Exists)
            return Fail(Win32Error.ERROR_ALREADY_EXISTS);
        if (!link.ParentExists)
            return Fail(Win32Error.ERROR_PATH_NOT_FOUND);

        var target = new string(targetFileName);
        var relative = !IsAbsolute(target);
        if (relative)
        {
            var linkFull = fs.FullPathName(linkName);
            target = linkFull[..(linkFull.LastIndexOf('\\') + 1)] + target;
        }
        error = fs.Resolve(target, out var resolvedTarget);
        if (error != 0)
            return Fail(error);
        var hostTarget = relative ? Path.GetRelativePath(link.HostParent, resolvedTarget.HostPath) : resolvedTarget.HostPath;
        var errno = Posix.Symlink(hostTarget, link.HostPath);
        return errno == 0 ? 1 : Fail(HostErrors.FromErrno(errno));
    }

    /// <summary>A drive path, a UNC or device path, or one rooted at the current drive (<c>\x</c>).</summary>
    private static bool IsAbsolute(string path) =>
        path.StartsWith('\\') || path.StartsWith('/') || (path.Length >= 2 && path[1] == ':');

    private static int Fail(int error) => FileShim.Fail(error);

    [DllImport("kernel32.dll", EntryPoint = "CreateSymbolicLinkW", SetLastError = true)]
    private static extern byte HostCreateSymbolicLinkImport(char* symlinkFileName, char* targetFileName, uint flags);

    private static int HostCreateSymbolicLink(char* symlinkFileName, char* targetFileName, uint flags)
    {
        var result = HostCreateSymbolicLinkImport(symlinkFileName, targetFileName, flags);
        if (result == 0)
            LastError.Set(Marshal.GetLastPInvokeError());
        return result;
    }
}
