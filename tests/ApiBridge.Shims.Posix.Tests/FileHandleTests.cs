using ApiBridge.Shims.Posix.Libc;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>name_to_handle_at and open_by_handle_at: a handle made from a guest path opens the same file as a guest descriptor.</summary>
public sealed unsafe class FileHandleTests : PosixTest
{
    /// <summary>struct file_handle: unsigned int handle_bytes; int handle_type; unsigned char f_handle[]; MAX_HANDLE_SZ is 128.</summary>
    private static byte[] NewHandle(uint room)
    {
        var handle = new byte[8 + 128];
        BitConverter.GetBytes(room).CopyTo(handle, 0);
        return handle;
    }

    private static bool MayOpenHandles() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:")).Split('\t')[1] is var caps
        && (Convert.ToUInt64(caps, 16) & (1UL << 2)) != 0; // CAP_DAC_READ_SEARCH

    [Fact]
    public void A_handle_of_a_path_opens_the_same_file()
    {
        File.WriteAllText(P("f"), "by handle");
        var handle = NewHandle(128);
        int mountId;
        fixed (byte* h = handle) fixed (byte* f = Z(P("f")))
            Assert.Equal(0, FileHandles.name_to_handle_at(AT_FDCWD, f, h, &mountId, 0));
        Assert.InRange(BitConverter.ToUInt32(handle, 0), 1u, 128u);

        var dir = Open(Scratch, O_RDONLY | O_DIRECTORY);
        int fd;
        fixed (byte* h = handle) fd = FileHandles.open_by_handle_at(dir, h, O_RDONLY);
        if (!MayOpenHandles())
        {
            Assert.Equal(-1, fd);
            Assert.Equal(E.EPERM, Errno);
            return;
        }
        Assert.True(fd >= 3);
        Assert.Equal("by handle", Read(fd, 64));
        Native.Stat st;
        Assert.Equal(0, FileStatus.fstat(fd, &st));
        Assert.Equal(9, st.st_size);
        Files.close(fd);
        fixed (byte* h = handle)
        {
            Assert.Equal(-1, FileHandles.open_by_handle_at(99, h, O_RDONLY));
            Assert.Equal(E.EBADF, Errno);
        }
        Files.close(dir);
    }

    [Fact]
    public void A_handle_too_small_is_EOVERFLOW_with_the_size_needed_and_bad_flags_EINVAL()
    {
        File.WriteAllText(P("f"), "");
        var handle = NewHandle(0);
        int mountId;
        fixed (byte* h = handle) fixed (byte* f = Z(P("f"))) fixed (byte* missing = Z(P("none")))
        {
            Assert.Equal(-1, FileHandles.name_to_handle_at(AT_FDCWD, f, h, &mountId, 0));
            Assert.Equal(E.EOVERFLOW, Errno);
            Assert.True(BitConverter.ToUInt32(handle, 0) > 0); // what it needs
            Assert.Equal(-1, FileHandles.name_to_handle_at(AT_FDCWD, f, h, &mountId, 0x1));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, FileHandles.name_to_handle_at(AT_FDCWD, missing, h, &mountId, 0));
            Assert.Equal(E.ENOENT, Errno);
        }
    }
}
