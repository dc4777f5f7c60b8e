using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// Base of file tests: a fresh prefix in a temporary folder registered with the bridge (C: = its drive_c, Z: = /),
/// the guest's current folder C:\work (host: prefix/drive_c/work). Helpers call the shims with native-shaped
/// arguments, clearing the last error first as the adapters of SetLastError=true declarations do.
/// </summary>
[Collection(BridgeCollection.Name)]
public abstract unsafe class FileSystemTest : BridgeTest, IDisposable
{
    public const uint GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, GENERIC_ALL = 0x10000000;
    public const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4, SHARE_ALL = 7;
    public const uint CREATE_NEW = 1, CREATE_ALWAYS = 2, OPEN_EXISTING = 3, OPEN_ALWAYS = 4, TRUNCATE_EXISTING = 5;
    public const uint FILE_ATTRIBUTE_NORMAL = 0x80, FILE_FLAG_BACKUP_SEMANTICS = 0x02000000, FILE_FLAG_DELETE_ON_CLOSE = 0x04000000;
    public const uint FILE_APPEND_DATA = 4;
    public static readonly nint INVALID_HANDLE_VALUE = -1;

    protected FileSystemTest(bool isolate = false, string? drives = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "apibridge-fs-" + Guid.NewGuid().ToString("N")[..10]);
        WorkHost = Path.Combine(Root, "drive_c", "work");
        Directory.CreateDirectory(WorkHost);
        Fs = new GuestFileSystem(new FileSystemOptions
        {
            Prefix = Root,
            Isolate = isolate,
            DriveOverrides = FileSystemOptions.ParseDrives(drives),
            SyncHostCurrentDirectory = false,
            InitialHostDirectory = WorkHost,
            UserName = "tester",
            ComputerName = "TESTBOX",
        });
        Bridge.Configure(s => s.AddSingleton(Fs));
    }

    protected string Root { get; }
    protected string WorkHost { get; }
    protected GuestFileSystem Fs { get; }

    protected string HostOf(string relative) => Path.Combine(WorkHost, relative.Replace('\\', '/'));

    protected static int Err => LastError.Value;

    protected static void Clear() => LastError.Set(0);

    protected static nint Create(string? path, uint access, uint share, uint disposition, uint flags = FILE_ATTRIBUTE_NORMAL)
    {
        Clear();
        fixed (char* p = path)
            return FileHandles.CreateFileW(path is null ? null : p, access, share, 0, disposition, flags, 0);
    }

    protected static bool Close(nint handle)
    {
        Clear();
        return FileHandles.CloseHandle(handle) != 0;
    }

    protected static bool Write(nint handle, byte[] data, out uint written)
    {
        Clear();
        fixed (byte* p = data)
        fixed (uint* w = &written)
            return FileIo.WriteFile(handle, p, (uint)data.Length, w, null) != 0;
    }

    protected static bool Write(nint handle, string text) => Write(handle, Encoding.ASCII.GetBytes(text), out _);

    protected static bool Read(nint handle, int count, out byte[] data)
    {
        Clear();
        var buffer = new byte[count];
        uint read = 0;
        bool ok;
        fixed (byte* p = buffer)
            ok = FileIo.ReadFile(handle, p, (uint)count, &read, null) != 0;
        data = buffer[..(int)read];
        return ok;
    }

    protected static string ReadText(nint handle, int count)
    {
        Assert.True(Read(handle, count, out var data), $"ReadFile failed: {Err}");
        return Encoding.ASCII.GetString(data);
    }

    protected static long Seek(nint handle, long distance, uint method)
    {
        Clear();
        long position;
        Assert.True(FileIo.SetFilePointerEx(handle, distance, &position, method) != 0, $"SetFilePointerEx failed: {Err}");
        return position;
    }

    protected static uint Attributes(string path)
    {
        Clear();
        fixed (char* p = path)
            return FileInformation.GetFileAttributesW(p);
    }

    protected static bool Call(string path, Func<nint, int> function)
    {
        Clear();
        fixed (char* p = path)
            return function((nint)p) != 0;
    }

    protected static bool Call(string a, string b, Func<nint, nint, int> function)
    {
        Clear();
        fixed (char* p = a)
        fixed (char* q = b)
            return function((nint)p, (nint)q) != 0;
    }

    protected static bool DeleteFile(string path) => Call(path, p => FileManagement.DeleteFileW((char*)p));
    protected static bool CreateDirectory(string path) => Call(path, p => Directories.CreateDirectoryW((char*)p, 0));
    protected static bool RemoveDirectory(string path) => Call(path, p => Directories.RemoveDirectoryW((char*)p));

    protected static string? FullPath(string path)
    {
        Clear();
        var buffer = stackalloc char[600];
        fixed (char* p = path)
        {
            var n = Paths.GetFullPathNameW(p, 600, buffer, null);
            return n == 0 ? null : new string(buffer, 0, (int)n);
        }
    }

    /// <summary>Names FindFirstFileW/FindNextFileW return for a pattern, in order; null when FindFirstFileW fails.</summary>
    protected static List<string>? List(string pattern)
    {
        Clear();
        WIN32_FIND_DATAW data;
        nint handle;
        fixed (char* p = pattern)
            handle = FindFiles.FindFirstFileW(p, &data);
        if (handle == INVALID_HANDLE_VALUE)
            return null;
        var names = new List<string>();
        do
            names.Add(new string(data.cFileName));
        while (FindFiles.FindNextFileW(handle, &data) != 0);
        Assert.Equal(18, Err);
        Assert.True(FindFiles.FindClose(handle) != 0);
        return names;
    }

    protected void WriteHostFile(string relative, string text)
    {
        var host = HostOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(host)!);
        File.WriteAllText(host, text);
    }

    public new void Dispose()
    {
        base.Dispose();
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
