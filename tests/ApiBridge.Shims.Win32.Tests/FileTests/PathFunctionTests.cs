using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>GetFullPathNameW, GetTempPathW, GetTempFileNameW, GetLongPathNameW, GetFinalPathNameByHandleW, drives, environment defaults.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class PathFunctionTests : FileSystemTest
{
    [Fact]
    public void GetFullPathName_UsesTheCurrentFolder_AndReportsSizes()
    {
        Assert.Equal(@"C:\work\a\b.txt", FullPath(@"a\.\x\..\b.txt"));
        Assert.Equal(@"C:\work\dir\", FullPath(@"dir/"));
        Assert.Equal(@"C:\rooted", FullPath(@"\rooted"));
        Assert.Equal(@"C:\work\f", FullPath(@"c:f"));
        Assert.Null(FullPath(""));
        Assert.NotEqual(0, Err);
        Assert.Equal(@"\\.\nul", FullPath("nul"));

        var buffer = stackalloc char[4];
        buffer[0] = 'q';
        fixed (char* p = "abc")
            Assert.Equal((uint)@"C:\work\abc".Length + 1, Paths.GetFullPathNameW(p, 4, buffer, null));
        Assert.Equal('q', buffer[0]);

        var big = stackalloc char[100];
        char* part;
        fixed (char* p = @"x\name.txt")
            Paths.GetFullPathNameW(p, 100, big, &part);
        Assert.Equal("name.txt", new string(part));
        fixed (char* p = @"x\")
            Paths.GetFullPathNameW(p, 100, big, &part);
        Assert.True(part == null);
    }

    [Fact]
    public void TempPath_IsInThePrefix_EndsWithBackslash_AndReportsSize()
    {
        var previousTmp = Environment.GetEnvironmentVariable("TMP");
        var previousTemp = Environment.GetEnvironmentVariable("TEMP");
        Environment.SetEnvironmentVariable("TMP", null);
        Environment.SetEnvironmentVariable("TEMP", null);
        try
        {
            var buffer = stackalloc char[300];
            var n = Paths.GetTempPathW(300, buffer);
            var temp = new string(buffer, 0, (int)n);
            Assert.Equal(@"C:\users\tester\Temp\", temp);
            Assert.True(Directory.Exists(Path.Combine(Root, "drive_c", "users", "tester", "Temp")));
            Assert.Equal(n + 1, Paths.GetTempPathW(3, buffer));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMP", previousTmp);
            Environment.SetEnvironmentVariable("TEMP", previousTemp);
        }
    }

    [Fact]
    public void EnvironmentDefaults_ComeFromThePrefix_WhenTheHostHasNone()
    {
        string? Get(string name)
        {
            var buffer = stackalloc char[300];
            fixed (char* p = name)
            {
                var n = EnvironmentVariables.GetEnvironmentVariableW(p, buffer, 300);
                return n == 0 ? null : new string(buffer, 0, (int)n);
            }
        }
        Assert.Equal(@"C:\users\tester", Get("USERPROFILE"));
        Assert.Equal(@"C:\windows", Get("windir"));
        Assert.Equal(@"C:\windows", Get("SYSTEMROOT"));
        Assert.Equal(@"C:\users\tester\AppData\Roaming", Get("APPDATA"));
        Assert.Equal(@"C:\users\tester\AppData\Local", Get("LOCALAPPDATA"));
        Assert.Equal(@"C:\ProgramData", Get("ProgramData"));
        Assert.Equal("C:", Get("HOMEDRIVE"));
        Assert.Equal(@"\users\tester", Get("HOMEPATH"));
        Assert.Equal("TESTBOX", Get("COMPUTERNAME"));
        Assert.Null(Get("APIBRIDGE_SURELY_NOT_SET"));
        Assert.Equal(203, Err);
    }

    [Fact]
    public void GetTempFileName_Contracts()
    {
        var buffer = stackalloc char[260];
        fixed (char* dir = ".")
        fixed (char* prefix = "abcdef")
        {
            Assert.Equal(0x1234u, Paths.GetTempFileNameW(dir, prefix, 0x1234, buffer));
            Assert.Equal(@".\abc1234.tmp", new string(buffer));
            Assert.False(File.Exists(HostOf("abc1234.tmp")));
            var number = Paths.GetTempFileNameW(dir, prefix, 0, buffer);
            Assert.NotEqual(0u, number);
            var name = new string(buffer);
            Assert.Matches(@"^\.\\abc[0-9A-F]{1,4}\.tmp$", name);
            Assert.True(File.Exists(HostOf(name[2..])));
        }
        fixed (char* dir = "missing")
        fixed (char* prefix = "x")
            Assert.Equal(0u, Paths.GetTempFileNameW(dir, prefix, 0, buffer));
        Assert.Equal(267, Err);
    }

    [Fact]
    public void GetLongPathName_GivesOnDiskNames_KeepsSeparators_AndChecksExistence()
    {
        WriteHostFile("Long Name.txt", "");
        var buffer = stackalloc char[100];
        fixed (char* p = @"c:/work\long name.txt")
            Assert.Equal(21u, Paths.GetLongPathNameW(p, buffer, 100));
        Assert.Equal(@"c:/work\Long Name.txt", new string(buffer));
        Clear();
        Assert.Equal(0u, Paths.GetLongPathNameW(null, buffer, 100));
        Assert.Equal(87, Err);
        fixed (char* p = "")
            Assert.Equal(0u, Paths.GetLongPathNameW(p, buffer, 100));
        Assert.Equal(3, Err);
        fixed (char* p = "*.txt")
            Assert.Equal(0u, Paths.GetLongPathNameW(p, buffer, 100));
        Assert.Equal(123, Err);
        fixed (char* p = "nope.txt")
            Assert.Equal(0u, Paths.GetLongPathNameW(p, buffer, 100));
        Assert.Equal(2, Err);
    }

    [Fact]
    public void GetFinalPathNameByHandle_GivesTheDiskSpelling()
    {
        WriteHostFile("Final.txt", "");
        var h = Create("FINAL.TXT", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        var buffer = stackalloc char[200];
        var n = Paths.GetFinalPathNameByHandleW(h, buffer, 200, 0);
        Assert.Equal(@"\\?\C:\work\Final.txt", new string(buffer, 0, (int)n));
        n = Paths.GetFinalPathNameByHandleW(h, buffer, 200, 4);
        Assert.Equal(@"\work\Final.txt", new string(buffer, 0, (int)n));
        buffer[0] = 'q';
        Assert.Equal((uint)@"\\?\C:\work\Final.txt".Length + 1, Paths.GetFinalPathNameByHandleW(h, buffer, 5, 0));
        Assert.Equal('q', buffer[0]);
        Close(h);
        Clear();
        Assert.Equal(0u, Paths.GetFinalPathNameByHandleW(h, buffer, 200, 0));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Drives_CAndZ_ByDefault()
    {
        Assert.Equal((1u << 2) | (1u << 25), Volumes.GetLogicalDrives());
        var buffer = stackalloc char[20];
        Assert.Equal(8u, Volumes.GetLogicalDriveStringsW(20, buffer));
        Assert.Equal("C:\\\0Z:\\\0\0", new string(buffer, 0, 9));
        Assert.Equal(9u, Volumes.GetLogicalDriveStringsW(3, buffer));
        fixed (char* c = @"C:\") Assert.Equal(3u, Volumes.GetDriveTypeW(c));
        fixed (char* q = @"Q:\") Assert.Equal(1u, Volumes.GetDriveTypeW(q));
        ulong free, total, totalFree;
        fixed (char* c = @"C:\") Assert.Equal(1, Volumes.GetDiskFreeSpaceExW(c, &free, &total, &totalFree));
        Assert.True(total > 0 && free <= total);
    }

    [Fact]
    public void HostPathsRenderThroughTheDriveTable()
    {
        Assert.Equal(@"C:\work\x.dll", Fs.ToWindows(Path.Combine(WorkHost, "x.dll")));
        Assert.Equal(@"Z:\usr\lib", Fs.ToWindows("/usr/lib"));
        Assert.Equal(@"C:\work\Guest.exe", WindowsPathView.ProgramFromHost(Path.Combine(WorkHost, "Guest.dll")));
    }

    [Fact]
    public void ExtraDrivesFromTheDrivesVariable()
    {
        var data = Path.Combine(Root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "d.txt"), "x");
        var fs = new FileSystem.GuestFileSystem(new FileSystem.FileSystemOptions
        {
            Prefix = Root, DriveOverrides = FileSystem.FileSystemOptions.ParseDrives($"D={data};Z="), SyncHostCurrentDirectory = false,
            InitialHostDirectory = WorkHost,
        });
        Assert.Equal(0, fs.Resolve(@"D:\D.TXT", out var resolved));
        Assert.True(resolved.Exists);
        Assert.Equal(3, fs.Resolve(@"Z:\etc\passwd", out _));
        Assert.Equal((1u << 2) | (1u << 3), fs.Drives.Mask);
    }
}
