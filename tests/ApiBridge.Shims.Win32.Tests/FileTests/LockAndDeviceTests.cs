using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>LockFile/UnlockFile (the cases of Wine's test_LockFile), QueryDosDeviceW, DeviceIoControl, GetSystemTimes, ResumeThread.</summary>
public sealed unsafe class LockAndDeviceTests : FileSystemTest
{
    [Fact]
    public void Locks_conflict_with_overlapping_locks_and_unlock_exactly()
    {
        var first = Create(@"C:\work\locked.txt", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS);
        var second = Create(@"C:\work\LOCKED.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal(1, FileLocks.LockFile(first, 10, 0, 20, 0));
        Clear();
        Assert.Equal(0, FileLocks.LockFile(first, 10, 0, 20, 0)); // again, even by the same handle
        Assert.Equal(33, Err); // ERROR_LOCK_VIOLATION
        Assert.Equal(0, FileLocks.LockFile(second, 5, 0, 6, 0)); // overlaps 10..29 from another handle of the file
        Assert.Equal(33, Err);
        Assert.Equal(1, FileLocks.LockFile(second, 30, 0, 10, 0)); // adjacent: free
        Assert.Equal(1, FileLocks.LockFile(second, 100, 0, 0, 0)); // zero length overlaps nothing
        Assert.Equal(1, FileLocks.LockFile(first, 98, 0, 4, 0));
        Assert.Equal(1, FileLocks.LockFile(first, 0, 1, 10, 0)); // beyond the end, above 4 GiB

        Clear();
        Assert.Equal(0, FileLocks.UnlockFile(first, 10, 0, 10, 0)); // not the range that was locked
        Assert.Equal(FileLocks.ERROR_NOT_LOCKED, Err);
        Assert.Equal(0, FileLocks.UnlockFile(second, 10, 0, 20, 0)); // another handle's lock
        Assert.Equal(FileLocks.ERROR_NOT_LOCKED, Err);
        Assert.Equal(1, FileLocks.UnlockFile(first, 10, 0, 20, 0));
        Assert.Equal(1, FileLocks.LockFile(second, 5, 0, 6, 0));

        Close(second); // its locks go with it
        Assert.Equal(1, FileLocks.LockFile(first, 30, 0, 10, 0));
        Close(first);
        Clear();
        Assert.Equal(0, FileLocks.LockFile(first, 0, 0, 1, 0));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Dos_devices_are_the_drives_and_nul()
    {
        var buffer = stackalloc char[512];
        fixed (char* c = "C:")
        {
            Assert.Equal(25u, DosDevices.QueryDosDeviceW(c, buffer, 512));
            Assert.Equal(@"\Device\HarddiskVolume1", new string(buffer));
            Assert.Equal('\0', buffer[24]);
            Clear();
            Assert.Equal(0u, DosDevices.QueryDosDeviceW(c, buffer, 10));
            Assert.Equal(122, Err);
        }
        fixed (char* q = "Q:")
        {
            Clear();
            Assert.Equal(0u, DosDevices.QueryDosDeviceW(q, buffer, 512));
            Assert.Equal(2, Err);
        }
        var length = DosDevices.QueryDosDeviceW(null, buffer, 512);
        var names = new string(buffer, 0, (int)length).TrimEnd('\0').Split('\0');
        Assert.Equal(["C:", "NUL", "Z:"], names.Order());
        Assert.Equal('\0', buffer[length - 2]);
    }

    [Fact]
    public void Device_control_codes_are_not_implemented()
    {
        var file = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, CREATE_ALWAYS);
        uint returned = 7;
        Clear();
        Assert.Equal(0, DosDevices.DeviceIoControl(file, 0x900a8 /* FSCTL_GET_REPARSE_POINT */, null, 0, null, 0, &returned, null));
        Assert.Equal(1, Err); // ERROR_INVALID_FUNCTION
        Assert.Equal(0u, returned);
        Close(file);
        Clear();
        Assert.Equal(0, DosDevices.DeviceIoControl(file, 0x900a8, null, 0, null, 0, &returned, null));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void System_times_count_idle_inside_kernel_and_advance()
    {
        FILETIME idle, kernel, user;
        Assert.Equal(1, SystemTimes.GetSystemTimes(&idle, &kernel, &user));
        Assert.True(kernel.Value >= idle.Value && user.Value > 0);
        var spin = System.Diagnostics.Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 100) { }
        FILETIME kernel2, user2;
        Assert.Equal(1, SystemTimes.GetSystemTimes(null, &kernel2, &user2));
        Assert.True(kernel2.Value + user2.Value > kernel.Value + user.Value);
    }

    [Fact]
    public void No_thread_is_ever_suspended()
    {
        Assert.Equal(0u, Threads.ResumeThread(-2));
        Clear();
        Assert.Equal(uint.MaxValue, Threads.ResumeThread(-1));
        Assert.Equal(6, Err);
    }
}
