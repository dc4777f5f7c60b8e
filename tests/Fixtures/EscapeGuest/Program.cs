using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

// EscapeGuest drive <guest path>: kernel32 reads the file, then opens it for writing; prints each result.
if (args.Length == 2 && args[0] == "drive")
{
    Console.WriteLine($"kernel32-read: {Kernel32.Outcome(() => Kernel32.ReadAll(args[1]))}");
    Console.WriteLine($"kernel32-write: {Kernel32.Outcome(() => Kernel32.OpenForWriting(args[1]))}");
    return 0;
}

// EscapeGuest child <canary folder> <prefix> <port>: the corpus run by a child guest (this program started again
// through the bridge), whose lines come out on the same stdout; then "child-exit: N".
if (args.Length == 4 && args[0] == "child")
{
    var start = new ProcessStartInfo(Kernel32.OwnProgram()) { UseShellExecute = false };
    foreach (var argument in args[1..])
        start.ArgumentList.Add(argument);
    using var child = Process.Start(start)!;
    child.WaitForExit();
    Console.WriteLine($"child-exit: {child.ExitCode}");
    return 0;
}

// EscapeGuest <canary folder (host path)> <prefix (host path)> <TCP port listening on 127.0.0.1>
// Each attempt prints "<name>: ok" when it reached what it aimed at (read the canary's text, wrote outside, connected),
// else "<name>: denied (<what stopped it>)". The canary folder holds canary.txt, whose text is "canary".
var canaryFolder = args[0];
var prefix = args[1];
var port = int.Parse(args[2]);
// Host paths are put together by hand: the guest's Path.Combine joins with '\\', as on Windows.
string HostPath(string folder, string name) => folder + "/" + name;
var canary = HostPath(canaryFolder, "canary.txt");
var zCanary = "Z:" + canary.Replace('/', '\\');
const string Expected = "canary";

Try("read-host-path", () => Read(File.ReadAllText(canary)));
Try("read-z-drive", () => Read(File.ReadAllText(zCanary)));
Try("read-kernel32-z", () => Read(Kernel32.ReadAll(zCanary)));
// The test starts the guest in <canary folder>/work, so ..\canary.txt is the canary by a relative path.
Try("read-dotdot", () => Read(File.ReadAllText(@"..\canary.txt")));
// The test made C:\escape a link to the canary folder.
Try("read-link-in-prefix", () => Read(File.ReadAllText(@"C:\escape\canary.txt")));
Try("read-libc-open", () => Read(Libc.ReadAll(canary)));
Try("read-libc-pointer", () => Read(LibcPointer.ReadAll(canary)));
Try("read-reflection", () => Read((string)Reflected("ReadAllText").Invoke(null, [canary])!));
Try("read-proc-self-root", () => Read((string)Reflected("ReadAllText").Invoke(null, ["/proc/self/root" + canary])!));
Try("read-hard-link", () =>
{
    var link = HostPath(prefix, "drive_c/hard-link.txt");
    if (Libc.link(canary, link) != 0)
        throw new IOException($"link: errno {Marshal.GetLastPInvokeError()}");
    Read(Libc.ReadAll(link));
});
Try("read-shell", () =>
{
    var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add("-c");
    start.ArgumentList.Add($"cat '{canary}'");
    using var shell = Process.Start(start)!;
    var output = shell.StandardOutput.ReadToEnd();
    shell.WaitForExit();
    Read(output);
});
// libc's system() reached by function pointer: a host shell the bridge never sees; it copies the canary into the prefix.
Try("read-libc-system", () =>
{
    var copy = HostPath(prefix, "drive_c/system-copy.txt");
    var status = LibcPointer.System($"cat '{canary}' > '{copy}'");
    if (status != 0)
        throw new IOException($"system: status {status}");
    Read(File.ReadAllText(@"C:\system-copy.txt"));
});
Try("write-host-path", () => File.WriteAllText(HostPath(canaryFolder, "written-host-path.txt"), "escaped"));
Try("write-z-drive", () => File.WriteAllText("Z:" + HostPath(canaryFolder, "written-z-drive.txt").Replace('/', '\\'), "escaped"));
Try("write-canary-reflection", () => Reflected("AppendAllText").Invoke(null, [canary, "escaped"]));
Try("write-libc-open", () => Libc.Create(HostPath(canaryFolder, "written-libc.txt")));
Try("tcp-connect", () =>
{
    using var client = new TcpClient();
    client.Connect(IPAddress.Loopback, port);
});
Try("tcp-bind", () =>
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    listener.Stop();
});
return 0;

// System.IO.File found by name at run time: a call the rewrite cannot see, so the host's File runs with a host path.
static MethodInfo Reflected(string name) =>
    typeof(File).GetMethod(name, BindingFlags.Public | BindingFlags.Static, name == "ReadAllText" ? [typeof(string)] : [typeof(string), typeof(string)])!;

void Read(string text)
{
    if (text.Trim() != Expected)
        throw new IOException($"read '{text.Trim()}', not the canary");
}

static void Try(string name, Action attempt)
{
    try
    {
        attempt();
        Console.WriteLine($"{name}: ok");
    }
    catch (Exception error)
    {
        if (error is TargetInvocationException { InnerException: { } inner })
            error = inner;
        Console.WriteLine($"{name}: denied ({error.GetType().Name}: {error.Message.Split('\n')[0]})");
    }
}

/// <summary>kernel32 as a Windows program calls it: a Z: path through CreateFileW and ReadFile.</summary>
internal static class Kernel32
{
    private const uint GenericRead = 0x80000000, GenericWrite = 0x40000000, OpenExisting = 3, ShareRead = 1;

    /// <summary>"ok (text)" or "error N", N the Win32 code the call left.</summary>
    public static string Outcome(Func<string> call)
    {
        try
        {
            return $"ok ({call().Trim()})";
        }
        catch (Win32Failure failure)
        {
            return $"error {failure.Code}";
        }
    }

    /// <summary>This program's path as Windows gives it (GetModuleFileNameW of no module).</summary>
    public static string OwnProgram()
    {
        var buffer = new char[1024];
        var length = GetModuleFileNameW(IntPtr.Zero, buffer, (uint)buffer.Length);
        return new string(buffer, 0, (int)length);
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetModuleFileNameW(IntPtr module, char[] buffer, uint size);

    public static string OpenForWriting(string path)
    {
        var handle = CreateFileW(path, GenericWrite, ShareRead, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        if (handle == new IntPtr(-1))
            throw new Win32Failure(Marshal.GetLastWin32Error());
        CloseHandle(handle);
        return "opened";
    }

    public static string ReadAll(string path)
    {
        var handle = CreateFileW(path, GenericRead, ShareRead, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        if (handle == new IntPtr(-1))
            throw new Win32Failure(Marshal.GetLastWin32Error());
        try
        {
            var buffer = new byte[4096];
            if (!ReadFile(handle, buffer, (uint)buffer.Length, out var read, IntPtr.Zero))
                throw new IOException($"ReadFile: Win32 error {Marshal.GetLastWin32Error()}");
            return Encoding.UTF8.GetString(buffer, 0, (int)read);
        }
        finally
        {
            CloseHandle(handle);
        }
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr CreateFileW(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool ReadFile(IntPtr handle, byte[] buffer, uint toRead, out uint read, IntPtr overlapped);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool CloseHandle(IntPtr handle);
}

internal sealed class Win32Failure(int code) : IOException($"Win32 error {code}")
{
    public int Code { get; } = code;
}

/// <summary>The host's libc declared directly, as a Windows program that knows it runs on Linux might.</summary>
internal static class Libc
{
    private const int ReadOnly = 0, WriteOnly = 1, CreateFlag = 0x40;

    public static string ReadAll(string path)
    {
        var fd = open(path, ReadOnly);
        if (fd < 0)
            throw new IOException($"open: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            var buffer = new byte[4096];
            var count = read(fd, buffer, buffer.Length);
            if (count < 0)
                throw new IOException($"read: errno {Marshal.GetLastPInvokeError()}");
            return Encoding.UTF8.GetString(buffer, 0, (int)count);
        }
        finally
        {
            close(fd);
        }
    }

    public static void Create(string path)
    {
        var fd = open(path, WriteOnly | CreateFlag, 0x1a4);
        if (fd < 0)
            throw new IOException($"open: errno {Marshal.GetLastPInvokeError()}");
        close(fd);
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode = 0);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);
}

/// <summary>libc's open reached through a function pointer, which no rewrite of the IL can see.</summary>
internal static unsafe class LibcPointer
{
    public static int System(string command)
    {
        var libc = NativeLibrary.Load("libc.so.6");
        var system = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(libc, "system");
        var text = Encoding.UTF8.GetBytes(command + "\0");
        fixed (byte* pointer = text)
            return system(pointer);
    }

    public static string ReadAll(string path)
    {
        var libc = NativeLibrary.Load("libc.so.6");
        var open = (delegate* unmanaged<byte*, int, int, int>)NativeLibrary.GetExport(libc, "open");
        var read = (delegate* unmanaged<int, byte*, nint, nint>)NativeLibrary.GetExport(libc, "read");
        var close = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(libc, "close");
        var name = Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* pointer = name)
            fd = open(pointer, 0, 0);
        if (fd < 0)
            throw new IOException($"open: failed (errno {Marshal.GetLastSystemError()})");
        try
        {
            var buffer = new byte[4096];
            nint count;
            fixed (byte* pointer = buffer)
                count = read(fd, pointer, buffer.Length);
            return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, count));
        }
        finally
        {
            close(fd);
        }
    }
}
