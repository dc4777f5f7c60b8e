using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static WinFileGuest.Native;

namespace WinFileGuest;

/// <summary>
/// WinFileGuest: works in a folder it creates under GetTempPathW ("WinFileGuest.work") through kernel32 only,
/// and prints one deterministic line per fact: relative names, sorted listings, error codes. Never absolute paths.
/// Left out on purpose (Wine 8.0 differs from Windows there; the conformance tests check Windows' answer):
/// TRUNCATE_EXISTING without GENERIC_WRITE (Windows 87, Wine truncates), opening a read-only file for writing
/// as root (Windows 5, Wine opens), FindClose of a closed handle (Windows 6, Wine TRUE), the hex case of
/// GetTempFileNameW names (Windows upper, Wine lower).
/// </summary>
internal static unsafe class Program
{
    private const string WorkName = "WinFileGuest.work";
    private static string temp = "";
    private static string work = "";

    private static int Err => Marshal.GetLastWin32Error();

    private static void Fact(string name, object? value) => Console.Out.Write($"{name}: {value}\n");

    private static int Main()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Fact("WinFileGuest", "start");
        Setup();
        CreateAndOpen();
        ReadWriteAndPointer();
        Sharing();
        Attributes();
        Folders();
        MoveCopyDelete();
        Listing();
        PathFunctions();
        Interop();
        Volumes();
        Cleanup();
        Fact("WinFileGuest", "end");
        return 0;
    }

    private static void Setup()
    {
        var buffer = new StringBuilder(300);
        var length = GetTempPath(300, buffer);
        temp = buffer.ToString();
        Fact("GetTempPathW ends with backslash", temp.EndsWith('\\'));
        Fact("GetTempPathW returns its length", length == temp.Length);
        Fact("GetTempPathW(small buffer) returns size with NUL", GetTempPath(2, new StringBuilder(2)) == temp.Length + 1);
        work = temp + WorkName;
        RemoveTree(work);
        Fact("CreateDirectoryW(work)", CreateDirectory(work, IntPtr.Zero));
        Fact("SetCurrentDirectoryW(work)", SetCurrentDirectory(work));
        var current = new StringBuilder(300);
        GetCurrentDirectory(300, current);
        Fact("GetCurrentDirectoryW ends with work, no trailing backslash", current.ToString().EndsWith("\\" + WorkName, StringComparison.OrdinalIgnoreCase));
    }

    private static void CreateAndOpen()
    {
        using (var h = CreateFile("hello.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero))
        {
            Fact("CreateFileW(CREATE_NEW new)", $"{!h.IsInvalid} err={Err}");
            var data = Encoding.ASCII.GetBytes("hello world");
            Fact("WriteFile", $"{WriteFile(h, data, (uint)data.Length, out var written, IntPtr.Zero)} written={written}");
        }
        using (var h = CreateFile("hello.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, 0, IntPtr.Zero))
            Fact("CreateFileW(CREATE_NEW existing)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("hello.txt", GENERIC_READ, FILE_SHARE_READ, IntPtr.Zero, OPEN_ALWAYS, 0, IntPtr.Zero))
            Fact("CreateFileW(OPEN_ALWAYS existing)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("fresh.txt", GENERIC_WRITE, 0, IntPtr.Zero, OPEN_ALWAYS, 0, IntPtr.Zero))
            Fact("CreateFileW(OPEN_ALWAYS new)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("fresh.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_ALWAYS, 0, IntPtr.Zero))
            Fact("CreateFileW(CREATE_ALWAYS existing)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("missing.txt", GENERIC_READ, 0, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
            Fact("CreateFileW(OPEN_EXISTING missing)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("nodir\\missing.txt", GENERIC_READ, 0, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
            Fact("CreateFileW(missing folder)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("bad*name.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_ALWAYS, 0, IntPtr.Zero))
            Fact("CreateFileW(wildcard name)", $"{!h.IsInvalid} err={Err}");
        using (var h = CreateFile("HELLO.TXT", GENERIC_READ, FILE_SHARE_READ, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
        {
            Fact("CreateFileW(other case) opens", !h.IsInvalid);
            var buffer = new byte[64];
            ReadFile(h, buffer, 64, out var read, IntPtr.Zero);
            Fact("ReadFile", Encoding.ASCII.GetString(buffer, 0, (int)read));
            Fact("ReadFile at end", $"{ReadFile(h, buffer, 64, out read, IntPtr.Zero)} read={read}");
            Fact("GetFileType(disk file)", GetFileType(h));
            Fact("WriteFile on read-only handle", $"{WriteFile(h, buffer, 1, out _, IntPtr.Zero)} err={Err}");
        }
        var a = CreateFileA("ansi.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, 0, IntPtr.Zero);
        Fact("CreateFileA", a != INVALID_HANDLE_VALUE);
        Fact("CloseHandle", CloseHandle(a));
        Fact("CloseHandle again", $"{CloseHandle(a)} err={Err}");
        var nul = CreateFileRaw("nul", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero);
        using (var n = new SafeFileHandle(nul, true))
            Fact("GetFileType(NUL)", GetFileType(n));
        var doc = CreateFileRaw("temp.del", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, FILE_FLAG_DELETE_ON_CLOSE, IntPtr.Zero);
        Fact("delete-on-close file exists while open", GetFileAttributes("temp.del") != 0xFFFFFFFF);
        CloseHandle(doc);
        Fact("delete-on-close file after close", $"{GetFileAttributes("temp.del") == 0xFFFFFFFF} err={Err}");
    }

    private static void ReadWriteAndPointer()
    {
        using var h = CreateFile("pointer.bin", GENERIC_READ | GENERIC_WRITE, 0, IntPtr.Zero, CREATE_ALWAYS, 0, IntPtr.Zero);
        var data = Encoding.ASCII.GetBytes("0123456789");
        WriteFile(h, data, 10, out _, IntPtr.Zero);
        Fact("SetFilePointerEx(BEGIN, 6)", $"{SetFilePointerEx(h, 6, out var position, 0)} pos={position}");
        var buffer = new byte[3];
        ReadFile(h, buffer, 3, out var read, IntPtr.Zero);
        Fact("ReadFile after seek", Encoding.ASCII.GetString(buffer, 0, (int)read));
        Fact("SetFilePointerEx(END, 0)", $"{SetFilePointerEx(h, 0, out position, 2)} pos={position}");
        Fact("SetFilePointerEx(negative)", $"{SetFilePointerEx(h, -100, out position, 1)} err={Err}");
        SetFilePointerEx(h, 20, out _, 0);
        GetFileSizeEx(h, out var size);
        Fact("size after seeking past end", size);
        Fact("SetEndOfFile at 20", SetEndOfFile(h));
        Fact("GetFileSize", $"{GetFileSize(h, out var high)} high={high}");
        SetFilePointerEx(h, 4, out _, 0);
        SetEndOfFile(h);
        GetFileSizeEx(h, out size);
        Fact("size after truncating at 4", size);
        Fact("FlushFileBuffers", FlushFileBuffers(h));
        Fact("GetFileInformationByHandle", $"{GetFileInformationByHandle(h, out var info)} size={info.nFileSizeLow} links={info.nNumberOfLinks}");
        var final = new StringBuilder(400);
        var length = GetFinalPathNameByHandle(h, final, 400, 0);
        Fact("GetFinalPathNameByHandleW", $"{length == final.Length} prefix={final.ToString().StartsWith(@"\\?\")} tail={final.ToString().EndsWith(@"\" + WorkName + @"\pointer.bin", StringComparison.OrdinalIgnoreCase)}");
        Fact("GetFinalPathNameByHandleW(small) returns size with NUL", GetFinalPathNameByHandle(h, new StringBuilder(4), 4, 0) == length + 1);
    }

    private static void Sharing()
    {
        using var first = CreateFile("shared.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, IntPtr.Zero, CREATE_NEW, 0, IntPtr.Zero);
        using (var second = CreateFile("shared.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
            Fact("second open for write (not shared)", $"{!second.IsInvalid} err={Err}");
        using (var third = CreateFile("SHARED.TXT", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
            Fact("second open for read sharing write", $"{!third.IsInvalid} err={Err}");
        Fact("DeleteFileW of an open file", $"{DeleteFile("shared.txt")} err={Err}");
    }

    private static void Attributes()
    {
        Fact("GetFileAttributesW(file)", $"0x{GetFileAttributes("hello.txt"):X}");
        Fact("GetFileAttributesW(folder)", $"0x{GetFileAttributes("."):X}");
        Fact("GetFileAttributesW(missing)", $"0x{GetFileAttributes("missing.txt"):X} err={Err}");
        Fact("GetFileAttributesW(missing folder)", $"0x{GetFileAttributes("nodir\\x"):X} err={Err}");
        Fact("GetFileAttributesA(file)", $"0x{GetFileAttributesA("hello.txt"):X}");
        Fact("GetFileAttributesExW", $"{GetFileAttributesEx("hello.txt", 0, out var data)} size={data.nFileSizeLow} attr=0x{data.dwFileAttributes:X}");
        Fact("SetFileAttributesW(READONLY)", SetFileAttributes("hello.txt", FILE_ATTRIBUTE_READONLY));
        Fact("GetFileAttributesW(read-only)", $"0x{GetFileAttributes("hello.txt"):X}");
        Fact("DeleteFileW(read-only)", $"{DeleteFile("hello.txt")} err={Err}");
        Fact("SetFileAttributesW(NORMAL)", SetFileAttributes("hello.txt", FILE_ATTRIBUTE_NORMAL));
        Fact("GetFileAttributesW(after NORMAL)", $"0x{GetFileAttributes("hello.txt"):X}");
    }

    private static void Folders()
    {
        Fact("CreateDirectoryW(sub)", CreateDirectory("sub", IntPtr.Zero));
        Fact("CreateDirectoryW(existing)", $"{CreateDirectory("sub", IntPtr.Zero)} err={Err}");
        Fact("CreateDirectoryW(other case)", $"{CreateDirectory("SUB", IntPtr.Zero)} err={Err}");
        Fact("CreateDirectoryW(missing parent)", $"{CreateDirectory("none\\child", IntPtr.Zero)} err={Err}");
        Fact("CreateDirectoryA(sub\\inner)", CreateDirectoryA("sub\\inner", IntPtr.Zero));
        Fact("CreateDirectoryW(trailing dot)", CreateDirectory("Please Remove Me.", IntPtr.Zero));
        Fact("trailing dot stripped", GetFileAttributes("Please Remove Me") == 0x10);
        Fact("RemoveDirectoryW(non-empty)", $"{RemoveDirectory("sub")} err={Err}");
        Fact("RemoveDirectoryW(file)", $"{RemoveDirectory("fresh.txt")} err={Err}");
        Fact("RemoveDirectoryW(inner)", RemoveDirectory("sub/INNER"));
        Fact("RemoveDirectoryW(Please Remove Me)", RemoveDirectory("Please Remove Me"));
        using (var h = CreateFile("sub", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero))
            Fact("CreateFileW(folder) without backup semantics", !h.IsInvalid);
        using (var h = CreateFile("sub", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, IntPtr.Zero))
            Fact("CreateFileW(folder) with backup semantics", !h.IsInvalid);
        Fact("SetCurrentDirectoryW(missing)", $"{SetCurrentDirectory("nowhere")} err={Err}");
        Fact("SetCurrentDirectoryW(sub\\)", SetCurrentDirectory("sub\\"));
        var current = new StringBuilder(300);
        GetCurrentDirectory(300, current);
        Fact("GetCurrentDirectoryW in sub", current.ToString().EndsWith(WorkName + "\\sub", StringComparison.OrdinalIgnoreCase));
        Fact("SetCurrentDirectoryW(..)", SetCurrentDirectory(".."));
    }

    private static void MoveCopyDelete()
    {
        Touch("a.txt", "A");
        Touch("b.txt", "B");
        Fact("MoveFileW onto existing", $"{MoveFile("a.txt", "b.txt")} err={Err}");
        Fact("MoveFileExW without REPLACE", $"{MoveFileEx("a.txt", "b.txt", 0)} err={Err}");
        Fact("MoveFileExW(REPLACE_EXISTING)", MoveFileEx("a.txt", "b.txt", 1));
        Fact("moved content", ReadAll("b.txt"));
        Fact("MoveFileW(missing)", $"{MoveFile("a.txt", "c.txt")} err={Err}");
        Fact("MoveFileW(rename)", MoveFile("b.txt", "c.txt"));
        Fact("CopyFileW", CopyFile("c.txt", "d.txt", true));
        Fact("CopyFileW(fail if exists)", $"{CopyFile("c.txt", "d.txt", true)} err={Err}");
        Fact("CopyFileW(overwrite)", CopyFile("c.txt", "d.txt", false));
        Fact("CopyFileW(missing)", $"{CopyFile("nope.txt", "e.txt", false)} err={Err}");
        Fact("DeleteFileW", DeleteFile("d.txt"));
        Fact("DeleteFileW(missing)", $"{DeleteFile("d.txt")} err={Err}");
        Fact("DeleteFileW(folder)", $"{DeleteFile("sub")} err={Err}");
        Fact("DeleteFileA", DeleteFileA("ansi.txt"));
    }

    private static void Listing()
    {
        Touch("sub\\Zeta.txt", "z");
        Touch("sub\\alpha.txt", "a");
        Touch("sub\\Beta.log", "b");
        Fact("listing of sub\\*", string.Join(",", List("sub\\*", sort: false).Take(2)) + " | " + string.Join(",", List("sub\\*", sort: true).Skip(2)));
        Fact("listing of sub\\*.TXT", string.Join(",", List("sub\\*.TXT", sort: true)));
        Fact("listing of SUB\\BETA.LOG", string.Join(",", List("SUB\\BETA.LOG", sort: true)));
        var none = FindFirstFile("sub\\*.none", out _);
        Fact("FindFirstFileW(no match)", $"{none != INVALID_HANDLE_VALUE} err={Err}");
        var missing = FindFirstFile("nowhere\\*", out _);
        Fact("FindFirstFileW(missing folder)", $"{missing != INVALID_HANDLE_VALUE} err={Err}");
        var h = FindFirstFileA("sub\\a*", out var ansi);
        Fact("FindFirstFileA", $"{ansi.cFileName} size={ansi.nFileSizeLow}");
        FindClose(h);
    }

    private static void PathFunctions()
    {
        var buffer = new StringBuilder(400);
        var n = GetFullPathName("sub\\..\\x\\.\\y.txt", 400, buffer, IntPtr.Zero);
        Fact("GetFullPathNameW", Relative(buffer.ToString()) + $" ret=len:{n == buffer.Length}");
        GetFullPathName("sub/inner/", 400, buffer, IntPtr.Zero);
        Fact("GetFullPathNameW(slashes, trailing)", Relative(buffer.ToString()));
        Fact("GetFullPathNameW(small buffer)", GetFullPathName("abc", 3, new StringBuilder(3), IntPtr.Zero) == work.Length + 5);
        GetFullPathName("nul", 400, buffer, IntPtr.Zero);
        Fact("GetFullPathNameW(nul)", buffer.ToString().ToUpperInvariant());
        var lp = new StringBuilder(400);
        Fact("GetLongPathNameW(existing)", GetLongPathName("SUB\\ZETA.TXT", lp, 400) > 0 ? lp.ToString() : "err=" + Err);
        Fact("GetLongPathNameW(missing)", $"{GetLongPathName("sub\\none.txt", lp, 400)} err={Err}");
        char* name = stackalloc char[260];
        Fact("GetTempFileNameW(unique 0x1a)", $"{GetTempFileNameW(".", "pre", 0x1a, name)} {new string(name).ToLowerInvariant()}");
        var number = GetTempFileNameW(".", "tmp", 0, name);
        var created = new string(name);
        Fact("GetTempFileNameW(0) creates a file", number != 0 && GetFileAttributes(created) != 0xFFFFFFFF);
        Fact("GetTempFileNameW name shape", System.Text.RegularExpressions.Regex.IsMatch(created, @"^\.\\tmp[0-9A-Fa-f]{1,4}\.tmp$"));
        DeleteFile(created);
        Fact("GetTempFileNameW(missing folder)", $"{GetTempFileNameW("nowhere", "x", 0, name)} err={Err}");
    }

    private static void Interop()
    {
        var raw = CreateFileRaw("stream.txt", GENERIC_READ | GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, 0, IntPtr.Zero);
        var data = Encoding.ASCII.GetBytes("abcdef");
        uint done;
        fixed (byte* p = data)
            WriteFileRaw(raw, p, 6, &done, IntPtr.Zero);
        Fact("SetFilePointer(0)", SetFilePointer(raw, 0, IntPtr.Zero, 0));
        var two = stackalloc byte[2];
        ReadFileRaw(raw, two, 2, out done, IntPtr.Zero);
        Fact("ReadFile 2", Encoding.ASCII.GetString(two, 2));
        using (var stream = new FileStream(new SafeFileHandle(raw, ownsHandle: true), FileAccess.ReadWrite))
        {
            Fact("FileStream.Position after ReadFile", stream.Position);
            var rest = new byte[4];
            stream.ReadExactly(rest);
            Fact("FileStream reads the rest", Encoding.ASCII.GetString(rest));
            stream.Write("!"u8);
        }
        Fact("file after FileStream", ReadAll("stream.txt"));
        var stdout = GetStdHandle(-11);
        var line = Encoding.ASCII.GetBytes("WriteFile(STD_OUTPUT_HANDLE): line\n");
        Console.Out.Flush();
        fixed (byte* p = line)
            WriteFileRaw(stdout, p, (uint)line.Length, &done, IntPtr.Zero);
        Fact("GetStdHandle(-99)", $"{GetStdHandle(-99) == INVALID_HANDLE_VALUE} err={Err}");
    }

    private static void Volumes()
    {
        Fact("GetLogicalDrives has C:", (DrivesSettled() & 4) != 0);
        Fact("GetDriveTypeW(C:\\)", GetDriveType("C:\\"));
        Fact("GetDiskFreeSpaceExW", GetDiskFreeSpaceEx(".", out var free, out var total, out _) && total > 0 && free <= total);
    }

    // Windows knows its drives before any program starts. Wine's drive map is filled by its mount manager, a service
    // the first process of a fresh prefix starts alongside itself: a program that asks at once may see no C: yet.
    // Asking again for up to five seconds makes the reference run answer what Windows would.
    private static uint DrivesSettled()
    {
        var drives = GetLogicalDrives();
        for (var attempt = 0; attempt < 100 && (drives & 4) == 0; attempt++)
        {
            System.Threading.Thread.Sleep(50);
            drives = GetLogicalDrives();
        }
        return drives;
    }

    private static void Cleanup()
    {
        Fact("SetCurrentDirectoryW(temp)", SetCurrentDirectory(temp));
        Fact("RemoveDirectoryW(work, not empty)", $"{RemoveDirectory(work)} err={Err}");
        RemoveTree(work);
        Fact("work removed", $"{GetFileAttributes(work) == 0xFFFFFFFF} err={Err}");
    }

    // ---- helpers (kernel32 only: the guest's paths are Windows paths) ----

    private static List<string> List(string pattern, bool sort)
    {
        var names = new List<string>();
        var h = FindFirstFile(pattern, out var data);
        if (h == INVALID_HANDLE_VALUE)
            return names;
        do
            names.Add(data.cFileName + ((data.dwFileAttributes & 0x10) != 0 ? "/" : $"({data.nFileSizeLow})"));
        while (FindNextFile(h, out data));
        var end = $"end err={Err}";
        FindClose(h);
        if (sort)
            names.Sort(StringComparer.OrdinalIgnoreCase);
        names.Add(end);
        return names;
    }

    private static void Touch(string name, string content)
    {
        using var h = CreateFile(name, GENERIC_WRITE, 0, IntPtr.Zero, CREATE_ALWAYS, 0, IntPtr.Zero);
        var bytes = Encoding.ASCII.GetBytes(content);
        WriteFile(h, bytes, (uint)bytes.Length, out _, IntPtr.Zero);
    }

    private static string ReadAll(string name)
    {
        using var h = CreateFile(name, GENERIC_READ, FILE_SHARE_READ, IntPtr.Zero, OPEN_EXISTING, 0, IntPtr.Zero);
        if (h.IsInvalid)
            return "err=" + Err;
        var buffer = new byte[4096];
        ReadFile(h, buffer, 4096, out var read, IntPtr.Zero);
        return Encoding.ASCII.GetString(buffer, 0, (int)read);
    }

    private static string Relative(string full) =>
        full.StartsWith(work, StringComparison.OrdinalIgnoreCase) ? "<work>" + full[work.Length..] : "<outside> " + full;

    private static void RemoveTree(string folder)
    {
        var h = FindFirstFile(folder + "\\*", out var data);
        if (h != INVALID_HANDLE_VALUE)
        {
            do
            {
                if (data.cFileName is "." or "..")
                    continue;
                var path = folder + "\\" + data.cFileName;
                if ((data.dwFileAttributes & 0x10) != 0)
                    RemoveTree(path);
                else
                {
                    SetFileAttributes(path, FILE_ATTRIBUTE_NORMAL);
                    DeleteFile(path);
                }
            }
            while (FindNextFile(h, out data));
            FindClose(h);
        }
        RemoveDirectory(folder);
    }
}
