using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>FILE_INFO_BY_HANDLE_CLASS</c> (minwinbase.h): what Get/SetFileInformationByHandle(Ex) read or write.</summary>
public static class FileInfoClass
{
    public const int FileBasicInfo = 0, FileStandardInfo = 1, FileNameInfo = 2, FileRenameInfo = 3, FileDispositionInfo = 4,
        FileAllocationInfo = 5, FileEndOfFileInfo = 6, FileStreamInfo = 7, FileCompressionInfo = 8, FileAttributeTagInfo = 9,
        FileIdBothDirectoryInfo = 10, FileIdBothDirectoryRestartInfo = 11, FileIoPriorityHintInfo = 12,
        FileRemoteProtocolInfo = 13, FileFullDirectoryInfo = 14, FileFullDirectoryRestartInfo = 15, FileStorageInfo = 16,
        FileAlignmentInfo = 17, FileIdInfo = 18, FileIdExtdDirectoryInfo = 19, FileIdExtdDirectoryRestartInfo = 20,
        FileDispositionInfoEx = 21, FileRenameInfoEx = 22, FileCaseSensitiveInfo = 23, FileNormalizedNameInfo = 24,
        MaximumFileInfoByHandleClass = 25;
}

/// <summary><c>FILE_BASIC_INFO</c> (winbase.h), 40 bytes: four LARGE_INTEGER times, then the attributes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_BASIC_INFO
{
    public long CreationTime;
    public long LastAccessTime;
    public long LastWriteTime;
    public long ChangeTime;
    public uint FileAttributes;
}

/// <summary><c>FILE_STANDARD_INFO</c> (winbase.h), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_STANDARD_INFO
{
    public long AllocationSize;
    public long EndOfFile;
    public uint NumberOfLinks;
    public byte DeletePending;
    public byte Directory;
}

/// <summary><c>FILE_ATTRIBUTE_TAG_INFO</c> (winbase.h), 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_ATTRIBUTE_TAG_INFO
{
    public uint FileAttributes;
    public uint ReparseTag;
}

/// <summary><c>FILE_ID_INFO</c> (winbase.h), 24 bytes: the volume serial and a 128-bit file id.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_ID_INFO
{
    public ulong VolumeSerialNumber;
    public ulong FileIdLow;
    public ulong FileIdHigh;
}

/// <summary><c>FILE_COMPRESSION_INFO</c> (winbase.h), 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_COMPRESSION_INFO
{
    public long CompressedFileSize;
    public ushort CompressionFormat;
    public byte CompressionUnitShift;
    public byte ChunkShift;
    public byte ClusterShift;
    public byte Reserved0, Reserved1, Reserved2;
}

/// <summary>
/// The head of <c>FILE_RENAME_INFO</c> (winbase.h) on x64: the BOOLEAN ReplaceIfExists or, for FileRenameInfoEx, the
/// DWORD Flags at 0, RootDirectory at 8, FileNameLength (bytes) at 16, the name's WCHARs from 20; sizeof is 24.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILE_RENAME_INFO
{
    public uint Flags;
    public nint RootDirectory;
    public uint FileNameLength;
    public char FileName;

    public const int NameOffset = 20;
}
