using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetFileInformationByHandleEx and SetFileInformationByHandle: the class is checked first (a class the call does not
/// take is ERROR_INVALID_PARAMETER), then the buffer's length against the class's fixed part (ERROR_BAD_LENGTH), then
/// the buffer itself (NULL: ERROR_NOACCESS), then the handle — the order Windows checks them in (Wine's
/// test_GetFileInformationByHandleEx). The work is done by <see cref="FileInfoQueries"/>,
/// <see cref="DirectoryListing"/> and <see cref="FileInfoUpdates"/>.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FileInformationByHandle
{
    /// <summary>
    /// BOOL GetFileInformationByHandleEx(HANDLE hFile, FILE_INFO_BY_HANDLE_CLASS FileInformationClass, LPVOID
    /// lpFileInformation, DWORD dwBufferSize) — basic, standard, name (and normalized name), attribute tag, id,
    /// compression, alignment, case-sensitivity, and the three directory listings with their restart forms.
    /// </summary>
    [ShimExport("GetFileInformationByHandleEx")]
    public static int GetFileInformationByHandleEx(nint file, int informationClass, void* information, uint bufferSize)
    {
        if (!TryStart(QueryLength(informationClass), information, bufferSize, file, out var open))
            return 0;
        var error = DirectoryListing.Layout(informationClass) is { } layout
            ? DirectoryListing.Fill(open, layout, IsRestart(informationClass), (byte*)information, bufferSize)
            : FileInfoQueries.Fill(open, informationClass, (byte*)information, bufferSize);
        return error == 0 ? 1 : FileShim.Fail(error);
    }

    /// <summary>
    /// BOOL SetFileInformationByHandle(HANDLE hFile, FILE_INFO_BY_HANDLE_CLASS FileInformationClass, LPVOID
    /// lpFileInformation, DWORD dwBufferSize) — basic (times, read-only), rename (and its Ex flags), disposition (and
    /// its Ex flags), allocation, end of file, I/O priority hint.
    /// </summary>
    [ShimExport("SetFileInformationByHandle")]
    public static int SetFileInformationByHandle(nint file, int informationClass, void* information, uint bufferSize)
    {
        if (!TryStart(UpdateLength(informationClass), information, bufferSize, file, out var open))
            return 0;
        var error = FileInfoUpdates.Apply(open, informationClass, (byte*)information, bufferSize);
        return error == 0 ? 1 : FileShim.Fail(error);
    }

    /// <summary>
    /// The checks both calls make, in Windows' order: the class (<paramref name="minimum"/> is -1 for one the call does
    /// not take: ERROR_INVALID_PARAMETER), the buffer's length (ERROR_BAD_LENGTH), the buffer (ERROR_NOACCESS), then the
    /// handle. False with the last error set when one fails.
    /// </summary>
    private static bool TryStart(int minimum, void* information, uint bufferSize, nint file, out OpenFile open)
    {
        open = null!;
        var error = minimum < 0 ? Win32Error.ERROR_INVALID_PARAMETER
            : bufferSize < minimum ? Win32Error.ERROR_BAD_LENGTH
            : information == null ? Win32Error.ERROR_NOACCESS
            : 0;
        if (error != 0)
        {
            FileShim.Fail(error);
            return false;
        }
        return FileShim.TryGetFile(file, out open);
    }

    private static bool IsRestart(int informationClass) =>
        informationClass is FileIdBothDirectoryRestartInfo or FileFullDirectoryRestartInfo or FileIdExtdDirectoryRestartInfo;

    /// <summary>The fixed size a query of the class needs, or -1 for a class GetFileInformationByHandleEx does not take.</summary>
    private static int QueryLength(int informationClass) => informationClass switch
    {
        FileBasicInfo => sizeof(FILE_BASIC_INFO),
        FileStandardInfo => sizeof(FILE_STANDARD_INFO),
        // FILE_NAME_INFO's sizeof: the length and one WCHAR, padded to 8.
        FileNameInfo or FileNormalizedNameInfo => 8,
        FileAttributeTagInfo => sizeof(FILE_ATTRIBUTE_TAG_INFO),
        FileIdInfo => sizeof(FILE_ID_INFO),
        FileCompressionInfo => sizeof(FILE_COMPRESSION_INFO),
        FileAlignmentInfo or FileCaseSensitiveInfo => sizeof(uint),
        _ when DirectoryListing.Layout(informationClass) is { } layout => layout.Size,
        // The set-only classes (rename, disposition, allocation, end of file, priority hint) and the remote-protocol,
        // stream and storage queries, which no local host file answers here.
        _ => -1,
    };

    /// <summary>The fixed size an update of the class needs, or -1 for a class SetFileInformationByHandle does not take.</summary>
    private static int UpdateLength(int informationClass) => informationClass switch
    {
        FileBasicInfo => sizeof(FILE_BASIC_INFO),
        FileRenameInfo or FileRenameInfoEx => sizeof(FILE_RENAME_INFO),
        FileDispositionInfo => 1,
        FileDispositionInfoEx or FileIoPriorityHintInfo => sizeof(uint),
        FileAllocationInfo or FileEndOfFileInfo => sizeof(long),
        _ => -1,
    };
}
