using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// Which file a host handle refers to on a Windows host (volume serial number and file index, as
/// GetFileInformationByHandle gives them). A guest that wraps a returned handle in a SafeFileHandle closes it with the
/// host's own CloseHandle, never the bridge's; comparing identities is how the bridge sees that its handle is gone (or
/// that the value now names another file), as fstat does on Linux, so the share table forgets the closed open.
/// </summary>
internal readonly record struct WindowsFileIdentity(uint Volume, ulong Index)
{
    [DllImport("kernel32.dll", EntryPoint = "GetFileInformationByHandle", SetLastError = true)]
    private static extern unsafe int GetFileInformationByHandle(nint file, BY_HANDLE_FILE_INFORMATION* information);

    /// <summary>The identity of the file behind <paramref name="handle"/>, or null when it is not a live file handle (or the host is not Windows).</summary>
    public static unsafe WindowsFileIdentity? Of(nint handle)
    {
        if (!OperatingSystem.IsWindows())
            return null;
        BY_HANDLE_FILE_INFORMATION information;
        if (GetFileInformationByHandle(handle, &information) == 0)
            return null;
        return new WindowsFileIdentity(information.dwVolumeSerialNumber, ((ulong)information.nFileIndexHigh << 32) | information.nFileIndexLow);
    }
}
