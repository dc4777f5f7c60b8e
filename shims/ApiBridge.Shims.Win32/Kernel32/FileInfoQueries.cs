using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The per-file classes of GetFileInformationByHandleEx, from the host's stat of the open file. The answers agree with
/// GetFileInformationByHandle (attributes, times, volume serial, file index) so a guest mixing both sees one file.
/// </summary>
internal static unsafe class FileInfoQueries
{
    /// <summary>NTFS's default cluster: allocation sizes are the data size rounded up to it (the host's block count is not kept).</summary>
    public const long ClusterSize = 4096;

    /// <summary>Fills <paramref name="buffer"/> (already checked to hold the class's fixed part); 0 or the Win32 error.</summary>
    public static int Fill(OpenFile open, int informationClass, byte* buffer, uint size)
    {
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return error;
        switch (informationClass)
        {
            case FileBasicInfo:
                *(FILE_BASIC_INFO*)buffer = new FILE_BASIC_INFO
                {
                    CreationTime = stat.CreationTime,
                    LastAccessTime = stat.AccessTime,
                    LastWriteTime = stat.WriteTime,
                    ChangeTime = stat.ChangeTime,
                    FileAttributes = Attributes(open, stat),
                };
                return 0;
            case FileStandardInfo:
                *(FILE_STANDARD_INFO*)buffer = new FILE_STANDARD_INFO
                {
                    AllocationSize = AllocationSize(stat),
                    EndOfFile = EndOfFile(stat),
                    NumberOfLinks = stat.Links,
                    DeletePending = (byte)(open.Share is { } share && OpenFile.ShareTable.IsDeletePending(share.Key) ? 1 : 0),
                    Directory = (byte)(stat.IsDirectory ? 1 : 0),
                };
                return 0;
            case FileNameInfo or FileNormalizedNameInfo:
                return FillName(open, buffer, size);
            case FileAttributeTagInfo:
                // The host file is opened through its links, so no reparse point is ever the open file.
                *(FILE_ATTRIBUTE_TAG_INFO*)buffer = new FILE_ATTRIBUTE_TAG_INFO { FileAttributes = Attributes(open, stat) };
                return 0;
            case FileIdInfo:
                *(FILE_ID_INFO*)buffer = new FILE_ID_INFO { VolumeSerialNumber = VolumeSerial(stat), FileIdLow = stat.Inode };
                return 0;
            case FileCompressionInfo:
                // Nothing is compressed: the compressed size is the size, COMPRESSION_FORMAT_NONE.
                *(FILE_COMPRESSION_INFO*)buffer = new FILE_COMPRESSION_INFO { CompressedFileSize = EndOfFile(stat) };
                return 0;
            case FileAlignmentInfo:
                *(uint*)buffer = 0; // FILE_BYTE_ALIGNMENT: buffers need no alignment (no unbuffered I/O reaches a device)
                return 0;
            case FileCaseSensitiveInfo:
                *(uint*)buffer = 0; // names are matched case-insensitively in every folder of the view
                return 0;
            default:
                return Win32Error.ERROR_INVALID_PARAMETER;
        }
    }

    /// <summary>
    /// FILE_NAME_INFO: the path without its drive (<c>\work\a.txt</c>), the length in bytes. A name that does not fit is
    /// cut, with the full length reported and ERROR_MORE_DATA (NT's STATUS_BUFFER_OVERFLOW).
    /// </summary>
    private static int FillName(OpenFile open, byte* buffer, uint size)
    {
        if (open.Kind is FileKind.Pipe or FileKind.Character)
            return Win32Error.ERROR_INVALID_PARAMETER;
        var windows = GuestFileSystem.Current.ToWindows(open.HostPath);
        if (windows is null)
            return Win32Error.ERROR_INVALID_FUNCTION;
        var name = windows[2..];
        *(uint*)buffer = (uint)name.Length * 2;
        var room = (int)Math.Min((size - 4) / 2, (uint)name.Length);
        name.AsSpan(0, room).CopyTo(new Span<char>(buffer + 4, room));
        return room < name.Length ? Win32Error.ERROR_MORE_DATA : 0;
    }

    public static uint Attributes(OpenFile open, in HostStat stat) => FileShim.Attributes(stat, Path.GetFileName(open.HostPath));

    public static long EndOfFile(in HostStat stat) => stat.IsDirectory ? 0 : stat.Size;

    public static long AllocationSize(in HostStat stat) => (EndOfFile(stat) + ClusterSize - 1) / ClusterSize * ClusterSize;

    /// <summary>The serial GetFileInformationByHandle reports for the file's device.</summary>
    public static uint VolumeSerial(in HostStat stat) => (uint)(stat.Device ^ (stat.Device >> 32));
}
