using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>Drives as the drive table defines them: GetDriveTypeW, GetLogicalDrives, GetLogicalDriveStringsW, GetDiskFreeSpaceExW, GetVolumeInformationW.</summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class Volumes
{
    public const uint DRIVE_UNKNOWN = 0, DRIVE_NO_ROOT_DIR = 1, DRIVE_FIXED = 3;

    /// <summary>UINT GetDriveTypeW(LPCWSTR lpRootPathName) — NULL: the current drive; a mapped drive is DRIVE_FIXED; anything else DRIVE_NO_ROOT_DIR.</summary>
    [ShimExport("GetDriveTypeW")]
    public static uint GetDriveTypeW(char* rootPathName)
    {
        var fs = GuestFileSystem.Current;
        var root = FileShim.Wide(rootPathName);
        char drive;
        if (root is null)
            drive = fs.CurrentDirectory.Drive;
        else if (root.Length >= 2 && char.IsAsciiLetter(root[0]) && root[1] == ':' && (root.Length == 2 || (root.Length == 3 && WindowsPathSyntax.IsSeparator(root[2]))))
            drive = char.ToUpperInvariant(root[0]);
        else
            return DRIVE_NO_ROOT_DIR;
        return fs.Drives.Root(drive) is null ? DRIVE_NO_ROOT_DIR : DRIVE_FIXED;
    }

    /// <summary>DWORD GetLogicalDrives(void) — bit 0 is A:.</summary>
    [ShimExport("GetLogicalDrives")]
    public static uint GetLogicalDrives() => GuestFileSystem.Current.Drives.Mask;

    /// <summary>
    /// DWORD GetLogicalDriveStringsW(DWORD nBufferLength, LPWSTR lpBuffer) — <c>C:\␀Z:\␀␀</c>; returns the length
    /// without the final terminator, or when the buffer is too small the size needed (with it).
    /// </summary>
    [ShimExport("GetLogicalDriveStringsW")]
    public static uint GetLogicalDriveStringsW(uint bufferLength, char* buffer)
    {
        var mask = GuestFileSystem.Current.Drives.Mask;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 26; i++)
            if ((mask & (1u << i)) != 0)
                text.Append((char)('A' + i)).Append(":\\\0");
        var value = text.ToString();
        if (buffer == null || (uint)value.Length + 1 > bufferLength)
            return (uint)value.Length + 1;
        value.AsSpan().CopyTo(new Span<char>(buffer, value.Length));
        buffer[value.Length] = '\0';
        return (uint)value.Length;
    }

    /// <summary>
    /// BOOL GetDiskFreeSpaceExW(LPCWSTR lpDirectoryName, PULARGE_INTEGER lpFreeBytesAvailableToCaller,
    /// PULARGE_INTEGER lpTotalNumberOfBytes, PULARGE_INTEGER lpTotalNumberOfFreeBytes) — of the host file system
    /// holding the folder (NULL: the current one).
    /// </summary>
    [ShimExport("GetDiskFreeSpaceExW")]
    public static int GetDiskFreeSpaceExW(char* directoryName, ulong* freeBytesAvailable, ulong* totalBytes, ulong* totalFreeBytes)
    {
        var fs = GuestFileSystem.Current;
        var name = FileShim.Wide(directoryName);
        var error = name is null ? fs.Resolve(fs.CurrentDirectory, out var resolved) : fs.Resolve(name, out resolved);
        if (error != 0)
            return FileShim.Fail(error);
        if (!resolved.Exists)
            return FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
        if (!resolved.IsDirectory)
            return FileShim.Fail(Win32Error.ERROR_DIRECTORY);
        try
        {
            var drive = new DriveInfo(resolved.HostPath);
            if (freeBytesAvailable != null) *freeBytesAvailable = (ulong)drive.AvailableFreeSpace;
            if (totalBytes != null) *totalBytes = (ulong)drive.TotalSize;
            if (totalFreeBytes != null) *totalFreeBytes = (ulong)drive.TotalFreeSpace;
            return 1;
        }
        catch (Exception e)
        {
            return FileShim.Fail(HostErrors.FromException(e));
        }
    }

    /// <summary>What Wine reports for a drive whose volume has no label or serial of its own (checked under wine64).</summary>
    public const uint FILE_CASE_PRESERVED_NAMES = 0x2, FILE_PERSISTENT_ACLS = 0x8, MaximumComponentLength = 255;

    /// <summary>
    /// BOOL GetVolumeInformationW(LPCWSTR lpRootPathName, LPWSTR lpVolumeNameBuffer, DWORD nVolumeNameSize,
    /// LPDWORD lpVolumeSerialNumber, LPDWORD lpMaximumComponentLength, LPDWORD lpFileSystemFlags,
    /// LPWSTR lpFileSystemNameBuffer, DWORD nFileSystemNameSize) — as Wine answers for its drives: no label, the
    /// drive letter in the serial's top byte, 255-character names, "NTFS". NULL is the current drive; "C:\",
    /// "C:" and "\\?\C:\" name a drive; a folder below a root is ERROR_DIR_NOT_ROOT, a drive the table lacks
    /// ERROR_PATH_NOT_FOUND.
    /// </summary>
    [ShimExport("GetVolumeInformationW")]
    public static int GetVolumeInformationW(char* rootPathName, char* volumeName, uint volumeNameSize, uint* serialNumber,
        uint* maximumComponentLength, uint* fileSystemFlags, char* fileSystemName, uint fileSystemNameSize)
    {
        var fs = GuestFileSystem.Current;
        var root = FileShim.Wide(rootPathName);
        if (root is not null && root.StartsWith(@"\\?\", StringComparison.Ordinal))
            root = root[4..];
        char drive;
        if (root is null)
            drive = fs.CurrentDirectory.Drive;
        else if (root.Length >= 2 && char.IsAsciiLetter(root[0]) && root[1] == ':')
        {
            if (root.Length > 3 || (root.Length == 3 && !WindowsPathSyntax.IsSeparator(root[2])))
                return FileShim.Fail(Win32Error.ERROR_DIR_NOT_ROOT);
            drive = char.ToUpperInvariant(root[0]);
        }
        else
            return FileShim.Fail(Win32Error.ERROR_INVALID_NAME);
        if (fs.Drives.Root(drive) is null)
            return FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
        if (volumeName != null && volumeNameSize > 0)
            volumeName[0] = '\0';
        if (serialNumber != null)
            *serialNumber = (uint)drive << 24;
        if (maximumComponentLength != null)
            *maximumComponentLength = MaximumComponentLength;
        if (fileSystemFlags != null)
            *fileSystemFlags = FILE_CASE_PRESERVED_NAMES | FILE_PERSISTENT_ACLS;
        if (fileSystemName != null)
        {
            if (fileSystemNameSize < "NTFS".Length + 1)
                return FileShim.Fail(Win32Error.ERROR_MORE_DATA);
            FileShim.CopyOut("NTFS", fileSystemName, fileSystemNameSize);
        }
        return 1;
    }
}
