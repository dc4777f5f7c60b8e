using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;
using static ApiBridge.Shims.Win32.Tests.FileTests.FileInfoCalls;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// SetFileInformationByHandle: Wine's test_SetFileInformationByHandle and test_SetFileRenameInfo facts (Windows'
/// answers where Wine's are todo), and what each class does to the file.
/// </summary>
public sealed unsafe class FileInformationUpdateTests : FileSystemTest
{
    [Theory]
    [InlineData(FileStandardInfo)]
    [InlineData(FileNameInfo)]
    [InlineData(FileCompressionInfo)]
    [InlineData(FileAttributeTagInfo)]
    [InlineData(FileIdBothDirectoryInfo)]
    [InlineData(FileRemoteProtocolInfo)]
    [InlineData(FileIdInfo)]
    public void Classes_that_are_only_read_are_refused_with_invalid_parameter(int infoClass)
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 87), Set(h, infoClass, new byte[256]));
        Assert.True(Close(h));
    }

    [Fact]
    public void Short_buffers_are_bad_length_and_priority_hints_are_range_checked()
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | FILE_WRITE_ATTRIBUTES | DELETE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 24), Set(h, FileDispositionInfo, new byte[1], 0));
        Assert.Equal((false, 24), Set(h, FileBasicInfo, new byte[40], 0));
        Assert.Equal((false, 24), Set(h, FileBasicInfo, new byte[40], 39));
        Assert.Equal((false, 24), Set(h, FileIoPriorityHintInfo, new byte[4], 3));
        Assert.Equal((true, 0), Set(h, FileIoPriorityHintInfo, 2));  // IoPriorityHintNormal
        Assert.Equal((true, 0), Set(h, FileIoPriorityHintInfo, 0));  // IoPriorityHintVeryLow
        Assert.Equal((false, 87), Set(h, FileIoPriorityHintInfo, 3)); // MaximumIoPriorityHintType
        Assert.Equal((false, 87), Set(h, FileIoPriorityHintInfo, -1));
        Assert.Equal((false, 998), Set(h, FileBasicInfo, null, 40));
        Assert.True(Close(h));
        Assert.Equal((false, 6), Set(h, FileBasicInfo, new byte[40]));
    }

    private static FILE_BASIC_INFO Basic(nint h)
    {
        var buffer = new byte[40];
        Assert.Equal((true, 0), Get(h, FileBasicInfo, buffer));
        return Read<FILE_BASIC_INFO>(buffer);
    }

    [Fact]
    public void Basic_info_sets_the_times_given_and_leaves_zero_and_minus_one_alone()
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | FILE_WRITE_ATTRIBUTES, SHARE_ALL, OPEN_EXISTING);
        var before = Basic(h);
        var update = before with { LastAccessTime = before.LastAccessTime + 10_000_000, LastWriteTime = 132223104000000000, FileAttributes = 0 };
        Assert.Equal((true, 0), Set(h, FileBasicInfo, update));
        var after = Basic(h);
        Assert.Equal(before.LastAccessTime + 10_000_000, after.LastAccessTime);
        Assert.Equal(132223104000000000, after.LastWriteTime);

        Assert.Equal((true, 0), Set(h, FileBasicInfo, new FILE_BASIC_INFO { LastAccessTime = -1 }));
        Assert.Equal(after.LastAccessTime, Basic(h).LastAccessTime);
        Assert.Equal(after.LastWriteTime, Basic(h).LastWriteTime);
        Assert.True(Close(h));
    }

    [Fact]
    public void Basic_info_keeps_the_read_only_attribute_and_needs_write_attributes_access()
    {
        WriteHostFile("f.txt", "hello");
        var reader = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 5), Set(reader, FileBasicInfo, new FILE_BASIC_INFO { FileAttributes = 1 }));
        Assert.True(Close(reader));

        var h = Create(@"C:\work\f.txt", FILE_WRITE_ATTRIBUTES, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 87), Set(h, FileBasicInfo, new FILE_BASIC_INFO { FileAttributes = 0x10 })); // DIRECTORY on a file
        Assert.Equal((true, 0), Set(h, FileBasicInfo, new FILE_BASIC_INFO { FileAttributes = 0x21 }));  // ARCHIVE | READONLY
        Assert.Equal(0x21u, Attributes(@"C:\work\f.txt"));
        Assert.Equal((true, 0), Set(h, FileBasicInfo, new FILE_BASIC_INFO { FileAttributes = 0x80 }));  // NORMAL
        Assert.Equal(0x20u, Attributes(@"C:\work\f.txt"));
        Assert.True(Close(h));
    }

    [Fact]
    public void End_of_file_sets_the_size_and_a_smaller_allocation_cuts_the_file()
    {
        WriteHostFile("f.txt", "hello world");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((true, 0), Set(h, FileEndOfFileInfo, 20L));
        Assert.Equal(20, new FileInfo(HostOf("f.txt")).Length);
        Assert.Equal((true, 0), Set(h, FileAllocationInfo, 1L << 20)); // more allocation changes no size
        Assert.Equal(20, new FileInfo(HostOf("f.txt")).Length);
        Assert.Equal((true, 0), Set(h, FileAllocationInfo, 5L));
        Assert.Equal("hello", File.ReadAllText(HostOf("f.txt")));
        Assert.Equal((false, 87), Set(h, FileEndOfFileInfo, -1L));
        Assert.True(Close(h));

        var reader = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 5), Set(reader, FileEndOfFileInfo, 1L));
        Assert.Equal((false, 5), Set(reader, FileAllocationInfo, 1L));
        Assert.True(Close(reader));
    }

    [Fact]
    public void Disposition_deletes_at_the_last_close_and_refuses_new_opens_meanwhile()
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | DELETE, SHARE_ALL, OPEN_EXISTING);
        var other = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((true, 0), Set(h, FileDispositionInfo, new byte[] { 1 }));
        var standard = new byte[24];
        Assert.Equal((true, 0), Get(other, FileStandardInfo, standard));
        Assert.Equal(1, Read<FILE_STANDARD_INFO>(standard).DeletePending);
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(5, Err);
        Assert.True(Close(h));
        Assert.True(File.Exists(HostOf("f.txt")));
        Assert.True(Close(other));
        Assert.False(File.Exists(HostOf("f.txt")));
    }

    [Fact]
    public void Disposition_can_be_taken_back_and_needs_delete_access()
    {
        WriteHostFile("f.txt", "hello");
        var reader = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 5), Set(reader, FileDispositionInfo, new byte[] { 1 }));
        Assert.True(Close(reader));

        var h = Create(@"C:\work\f.txt", DELETE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((true, 0), Set(h, FileDispositionInfo, new byte[] { 1 }));
        Assert.Equal((true, 0), Set(h, FileDispositionInfo, new byte[] { 0 }));
        Assert.True(Close(h));
        Assert.True(File.Exists(HostOf("f.txt")));
    }

    [Fact]
    public void Disposition_refuses_read_only_files_and_folders_with_entries()
    {
        WriteHostFile(@"full\f.txt", "hello");
        var file = Create(@"C:\work\full\f.txt", DELETE, SHARE_ALL, OPEN_EXISTING);
        // Made read-only once open: CreateFileW itself refuses DELETE access to a read-only file.
        File.SetUnixFileMode(HostOf(@"full\f.txt"), UnixFileMode.UserRead);
        Assert.Equal((false, 5), Set(file, FileDispositionInfo, new byte[] { 1 }));
        Assert.Equal((true, 0), Set(file, FileDispositionInfoEx, 0x11u)); // DELETE | IGNORE_READONLY_ATTRIBUTE
        Assert.Equal((false, 87), Set(file, FileDispositionInfoEx, 0x100u));
        var folder = Create(@"C:\work\full", DELETE, SHARE_ALL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
        Assert.Equal((false, 145), Set(folder, FileDispositionInfo, new byte[] { 1 })); // ERROR_DIR_NOT_EMPTY
        Assert.True(Close(file));
        Assert.False(File.Exists(HostOf(@"full\f.txt")));
        Assert.Equal((true, 0), Set(folder, FileDispositionInfo, new byte[] { 1 }));
        Assert.True(Close(folder));
        Assert.False(Directory.Exists(HostOf("full")));
    }

    [Fact]
    public void Posix_disposition_removes_the_name_when_this_handle_closes()
    {
        WriteHostFile("f.txt", "hello");
        var h = Create(@"C:\work\f.txt", GENERIC_READ | DELETE, SHARE_ALL, OPEN_EXISTING);
        var other = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((true, 0), Set(h, FileDispositionInfoEx, 0x3u)); // DELETE | POSIX_SEMANTICS
        Assert.True(Close(h));
        Assert.False(File.Exists(HostOf("f.txt")));
        Assert.Equal("hello", ReadText(other, 10)); // the other handle still reads the file
        Assert.True(Close(other));
    }

    [Fact]
    public void Rename_needs_replace_for_an_existing_target_and_moves_the_open_file()
    {
        WriteHostFile("from.txt", "from");
        WriteHostFile("to.txt", "to");
        var h = Create(@"C:\work\from.txt", GENERIC_READ | GENERIC_WRITE | DELETE, 0, OPEN_EXISTING);
        Assert.Equal((false, 183), Set(h, FileRenameInfo, RenameInfo(@"C:\work\to.txt", 0))); // ERROR_ALREADY_EXISTS
        Assert.Equal((true, 0), Set(h, FileRenameInfo, RenameInfo(@"C:\work\to.txt", 1)));
        Assert.False(File.Exists(HostOf("from.txt")));
        Assert.Equal("from", File.ReadAllText(HostOf("to.txt")));

        // The handle follows the file: its name, and a second rename from where it now is.
        var name = new byte[256];
        Assert.Equal((true, 0), Get(h, FileNameInfo, name));
        Assert.Equal(@"\work\to.txt".Length * 2, Read<int>(name));
        Assert.Equal((true, 0), Set(h, FileRenameInfo, RenameInfo("again.txt", 0))); // a bare name stays in its folder
        Assert.True(File.Exists(HostOf("again.txt")));
        Assert.True(Close(h));
        Assert.True(File.Exists(HostOf("again.txt")));
    }

    [Fact]
    public void Rename_is_refused_without_delete_access_and_onto_open_or_folder_targets()
    {
        WriteHostFile("a.txt", "a");
        WriteHostFile("b.txt", "b");
        Directory.CreateDirectory(HostOf("dir"));
        var reader = Create(@"C:\work\a.txt", GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        Assert.Equal((false, 5), Set(reader, FileRenameInfo, RenameInfo(@"C:\work\c.txt", 0)));
        Assert.True(Close(reader));

        var h = Create(@"C:\work\a.txt", DELETE, SHARE_ALL, OPEN_EXISTING);
        var open = Create(@"C:\work\b.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((false, 5), Set(h, FileRenameInfo, RenameInfo(@"C:\work\b.txt", 1)));
        Assert.Equal((false, 5), Set(h, FileRenameInfo, RenameInfo(@"C:\work\dir", 1)));
        Assert.Equal((false, 3), Set(h, FileRenameInfo, RenameInfo(@"C:\work\missing\c.txt", 0))); // ERROR_PATH_NOT_FOUND
        Assert.Equal((true, 0), Set(h, FileRenameInfoEx, RenameInfo(@"C:\work\b.txt", 0x3))); // REPLACE | POSIX_SEMANTICS
        Assert.Equal("a", File.ReadAllText(HostOf("b.txt")));
        Assert.True(Close(open));
        Assert.True(Close(h));
    }

    [Fact]
    public void Rename_relative_to_a_root_directory_handle()
    {
        WriteHostFile("a.txt", "a");
        Directory.CreateDirectory(HostOf("dir"));
        var folder = Create(@"C:\work\dir", GENERIC_READ, SHARE_ALL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
        var h = Create(@"C:\work\a.txt", DELETE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal((true, 0), Set(h, FileRenameInfo, RenameInfo("moved.txt", 0, folder)));
        Assert.True(File.Exists(HostOf(@"dir\moved.txt")));
        Assert.Equal((false, 6), Set(h, FileRenameInfo, RenameInfo("x.txt", 0, 0x7777)));
        Assert.True(Close(h));
        Assert.True(Close(folder));
    }
}
