using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;
using static ApiBridge.Shims.Win32.Tests.FileTests.FileInfoCalls;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// GetFileInformationByHandleEx: the checks in Windows' order and codes (Wine's test_GetFileInformationByHandleEx),
/// the per-file classes agreeing with GetFileInformationByHandle, and folder listings across calls.
/// </summary>
public sealed unsafe class FileInformationQueryTests : FileSystemTest
{
    private nint OpenFolder(string path, uint access = GENERIC_READ) =>
        Create(path, access, SHARE_ALL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);

    [Fact]
    public void Class_then_length_then_buffer_then_handle_are_checked_as_windows_checks_them()
    {
        var folder = OpenFolder(@"C:\work");
        Assert.NotEqual(INVALID_HANDLE_VALUE, folder);
        var buffer = new byte[1024];
        Assert.Equal((false, 87), Get(folder, unchecked((int)0xdeadbeef), null));             // ERROR_INVALID_PARAMETER
        Assert.Equal((false, 24), Get(folder, FileIdBothDirectoryInfo, null));                 // ERROR_BAD_LENGTH
        Assert.Equal((false, 998), Get(folder, FileIdBothDirectoryInfo, null, 1024));          // ERROR_NOACCESS
        Assert.Equal((false, 24), Get(folder, FileIdBothDirectoryInfo, buffer, 0));
        Assert.Equal((false, 24), Get(folder, FileIdBothDirectoryInfo, buffer, 111));          // sizeof(FILE_ID_BOTH_DIR_INFO) is 112
        Assert.Equal((false, 24), Get(folder, FileBasicInfo, buffer, 39));
        Assert.Equal((false, 6), Get(0x7777, FileBasicInfo, buffer));                          // ERROR_INVALID_HANDLE
        Assert.True(Close(folder));
    }

    [Theory]
    [InlineData(FileRenameInfo)]
    [InlineData(FileDispositionInfo)]
    [InlineData(FileAllocationInfo)]
    [InlineData(FileEndOfFileInfo)]
    [InlineData(FileIoPriorityHintInfo)]
    [InlineData(FileDispositionInfoEx)]
    [InlineData(MaximumFileInfoByHandleClass)]
    public void Classes_that_are_only_set_are_refused_with_invalid_parameter(int infoClass)
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 87), Get(h, infoClass, new byte[256]));
        Assert.True(Close(h));
    }

    [Fact]
    public void Basic_standard_id_and_tag_agree_with_get_file_information_by_handle()
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        BY_HANDLE_FILE_INFORMATION byHandle;
        Assert.Equal(1, FileInformation.GetFileInformationByHandle(h, &byHandle));

        var buffer = new byte[64];
        Array.Fill(buffer, (byte)0xFF);
        Assert.Equal((true, 0), Get(h, FileBasicInfo, buffer));
        var basic = Read<FILE_BASIC_INFO>(buffer);
        Assert.Equal(byHandle.dwFileAttributes, basic.FileAttributes);
        Assert.Equal(0x20u, basic.FileAttributes); // ARCHIVE
        Assert.Equal((long)byHandle.ftLastWriteTime.Value, basic.LastWriteTime);
        Assert.Equal((long)byHandle.ftCreationTime.Value, basic.CreationTime);
        Assert.True(basic.ChangeTime > 0);

        Assert.Equal((true, 0), Get(h, FileStandardInfo, buffer));
        var standard = Read<FILE_STANDARD_INFO>(buffer);
        Assert.Equal(5, standard.EndOfFile);
        Assert.Equal(4096, standard.AllocationSize);
        Assert.Equal(1u, standard.NumberOfLinks);
        Assert.Equal(0, standard.DeletePending);
        Assert.Equal(0, standard.Directory);

        Assert.Equal((true, 0), Get(h, FileIdInfo, buffer));
        var id = Read<FILE_ID_INFO>(buffer);
        Assert.Equal(byHandle.dwVolumeSerialNumber, (uint)id.VolumeSerialNumber);
        Assert.Equal(((ulong)byHandle.nFileIndexHigh << 32) | byHandle.nFileIndexLow, id.FileIdLow);
        Assert.Equal(0ul, id.FileIdHigh);

        Assert.Equal((true, 0), Get(h, FileAttributeTagInfo, buffer));
        Assert.Equal((0x20u, 0u), (Read<uint>(buffer), Read<uint>(buffer, 4)));

        Assert.Equal((true, 0), Get(h, FileCompressionInfo, buffer));
        Assert.Equal(5, Read<long>(buffer));
        Assert.Equal(0, Read<ushort>(buffer, 8)); // COMPRESSION_FORMAT_NONE
        Assert.True(Close(h));
    }

    [Fact]
    public void A_folder_reports_itself_as_a_directory_of_size_zero()
    {
        Directory.CreateDirectory(HostOf("sub"));
        var h = OpenFolder(@"C:\work\sub");
        var buffer = new byte[64];
        Assert.Equal((true, 0), Get(h, FileStandardInfo, buffer));
        var standard = Read<FILE_STANDARD_INFO>(buffer);
        Assert.Equal((0L, 0L, (byte)1), (standard.EndOfFile, standard.AllocationSize, standard.Directory));
        Assert.Equal((true, 0), Get(h, FileBasicInfo, buffer));
        Assert.Equal(0x10u, Read<FILE_BASIC_INFO>(buffer).FileAttributes);
        Assert.True(Close(h));
    }

    [Fact]
    public void The_name_is_the_path_without_its_drive_and_a_short_buffer_gets_more_data_with_the_full_length()
    {
        WriteHostFile(@"dir\Name.txt", "x");
        var h = Create(@"c:\WORK\dir\name.TXT", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        var buffer = new byte[256];
        Assert.Equal((true, 0), Get(h, FileNameInfo, buffer));
        const string expected = @"\work\dir\Name.txt"; // the names as they are on disk
        Assert.Equal((uint)expected.Length * 2, Read<uint>(buffer));
        Assert.Equal(expected, new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(buffer.AsSpan(4, expected.Length * 2))));

        Array.Clear(buffer);
        Assert.Equal((false, 234), Get(h, FileNameInfo, buffer, 12)); // ERROR_MORE_DATA: four characters fit
        Assert.Equal((uint)expected.Length * 2, Read<uint>(buffer));
        Assert.Equal(@"\wor", new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(buffer.AsSpan(4, 8))));
        Assert.Equal((false, 24), Get(h, FileNameInfo, buffer, 7));

        Assert.Equal((true, 0), Get(h, FileNormalizedNameInfo, buffer));
        Assert.Equal((uint)expected.Length * 2, Read<uint>(buffer));
        Assert.True(Close(h));
    }

    [Fact]
    public void A_folder_lists_dot_entries_then_ntfs_order_across_calls_then_no_more_files()
    {
        Directory.CreateDirectory(HostOf(@"list\sub"));
        WriteHostFile(@"list\b.txt", "12345");
        WriteHostFile(@"list\A.txt", "1");
        var h = OpenFolder(@"C:\work\list");
        var buffer = new byte[4096];
        Assert.Equal((true, 0), Get(h, FileIdBothDirectoryInfo, buffer));
        Assert.Equal([".", "..", "A.txt", "b.txt", "sub"], Names(buffer, 104));
        Assert.Equal((false, 18), Get(h, FileIdBothDirectoryInfo, buffer)); // ERROR_NO_MORE_FILES
        Assert.Equal((false, 18), Get(h, FileIdBothDirectoryInfo, buffer));

        // A restart class starts over; a buffer of one entry's size gets one entry a call.
        Assert.Equal((true, 0), Get(h, FileIdBothDirectoryRestartInfo, buffer, 112));
        Assert.Equal(["."], Names(buffer, 104));
        Assert.Equal((true, 0), Get(h, FileIdBothDirectoryInfo, buffer, 112));
        Assert.Equal([".."], Names(buffer, 104));
        Assert.Equal((true, 0), Get(h, FileIdBothDirectoryInfo, buffer, 116)); // "A.txt" needs 104 + 10 bytes
        Assert.Equal(["A.txt"], Names(buffer, 104));
        Assert.True(Close(h));
    }

    [Fact]
    public void Each_listing_class_has_its_layout()
    {
        Directory.CreateDirectory(HostOf("list"));
        WriteHostFile(@"list\data.bin", "12345");
        var h = OpenFolder(@"C:\work\list");
        var buffer = new byte[4096];

        Assert.Equal((true, 0), Get(h, FileFullDirectoryRestartInfo, buffer));
        Assert.Equal([".", "..", "data.bin"], Names(buffer, 68));
        var third = Read<int>(buffer) + Read<int>(buffer, Read<int>(buffer));
        Assert.Equal(5, Read<long>(buffer, third + 40));     // EndOfFile
        Assert.Equal(4096, Read<long>(buffer, third + 48));  // AllocationSize
        Assert.Equal(0x20u, Read<uint>(buffer, third + 56)); // ARCHIVE
        Assert.Equal(0x10u, Read<uint>(buffer, 56));         // "." is a directory

        Assert.Equal((true, 0), Get(h, FileIdExtdDirectoryRestartInfo, buffer));
        Assert.Equal([".", "..", "data.bin"], Names(buffer, 88));
        third = Read<int>(buffer) + Read<int>(buffer, Read<int>(buffer));
        BY_HANDLE_FILE_INFORMATION info;
        var file = Create(@"C:\work\list\data.bin", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal(1, FileInformation.GetFileInformationByHandle(file, &info));
        Assert.Equal(((ulong)info.nFileIndexHigh << 32) | info.nFileIndexLow, Read<ulong>(buffer, third + 72));

        Assert.Equal((true, 0), Get(h, FileIdBothDirectoryRestartInfo, buffer));
        third = Read<int>(buffer) + Read<int>(buffer, Read<int>(buffer));
        Assert.Equal(((ulong)info.nFileIndexHigh << 32) | info.nFileIndexLow, Read<ulong>(buffer, third + 96));
        Assert.Equal(0, buffer[third + 68]); // no short name
        Assert.True(Close(file));
        Assert.True(Close(h));
    }

    [Fact]
    public void An_entry_too_long_for_the_buffer_is_cut_with_more_data_and_comes_again()
    {
        WriteHostFile(@"list\abcdefgh.txt", "x");
        var h = OpenFolder(@"C:\work\list");
        var buffer = new byte[4096];
        Assert.Equal((true, 0), Get(h, FileFullDirectoryInfo, buffer, 72)); // "."
        Assert.Equal((true, 0), Get(h, FileFullDirectoryInfo, buffer, 72)); // ".." needs exactly 68 + 4
        Assert.Equal([".."], Names(buffer, 68));
        Assert.Equal((false, 234), Get(h, FileFullDirectoryInfo, buffer, 72)); // the file needs 68 + 24
        Assert.Equal(24, Read<int>(buffer, 60));
        Assert.Equal("ab", new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(buffer.AsSpan(68, 4))));
        Assert.Equal((true, 0), Get(h, FileFullDirectoryInfo, buffer, 92));
        Assert.Equal(["abcdefgh.txt"], Names(buffer, 68));
        Assert.Equal((false, 18), Get(h, FileFullDirectoryInfo, buffer));
        Assert.True(Close(h));
    }

    [Fact]
    public void Listing_needs_a_folder_handle_with_list_access()
    {
        WriteHostFile("f.txt", "x");
        var file = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 87), Get(file, FileIdBothDirectoryInfo, new byte[1024]));
        Assert.True(Close(file));
        var folder = OpenFolder(@"C:\work", FILE_READ_ATTRIBUTES);
        Assert.Equal((false, 5), Get(folder, FileIdBothDirectoryInfo, new byte[1024]));
        Assert.Equal((true, 0), Get(folder, FileBasicInfo, new byte[40]));
        Assert.True(Close(folder));
    }
}
