using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.ConsoleTests;

/// <summary>
/// A pseudo-terminal opened through the shims: the terminal side (what a guest's console handle is) and the
/// controller side, where the test reads what the guest wrote and types what it reads, as a terminal emulator does.
/// </summary>
internal sealed unsafe class PseudoTerminal : IDisposable
{
    private const ulong TIOCSWINSZ = 0x5414;

    [DllImport("libc.so.6", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc.so.6", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc.so.6", SetLastError = true)] private static extern int ptsname_r(int fd, byte* buffer, nint length);
    [DllImport("libc.so.6", SetLastError = true)] private static extern int ioctl(int fd, ulong request, ushort* size);
    [DllImport("libc.so.6", SetLastError = true)] private static extern nint read(int fd, byte* buffer, nint count);
    [DllImport("libc.so.6", SetLastError = true)] private static extern nint write(int fd, byte* buffer, nint count);

    public PseudoTerminal(uint access = FileSystemTest.GENERIC_READ | FileSystemTest.GENERIC_WRITE)
    {
        Controller = Open(@"Z:\dev\ptmx", FileSystemTest.GENERIC_READ | FileSystemTest.GENERIC_WRITE);
        var fd = (int)Controller;
        var name = stackalloc byte[128];
        Assert.Equal(0, grantpt(fd));
        Assert.Equal(0, unlockpt(fd));
        Assert.Equal(0, ptsname_r(fd, name, 128));
        TerminalPath = "Z:" + Marshal.PtrToStringUTF8((nint)name)!.Replace('/', '\\');
        Terminal = Open(TerminalPath, access);
    }

    /// <summary>The guest's side: a console handle.</summary>
    public nint Terminal { get; }

    public string TerminalPath { get; }

    /// <summary>The emulator's side.</summary>
    public nint Controller { get; }

    public static nint Open(string path, uint access)
    {
        fixed (char* p = path)
        {
            var handle = FileHandles.CreateFileW(p, access, FileSystemTest.SHARE_ALL, 0, FileSystemTest.OPEN_EXISTING, 0x80, 0);
            Assert.NotEqual(FileSystemTest.INVALID_HANDLE_VALUE, handle);
            return handle;
        }
    }

    public void SetSize(int columns, int rows)
    {
        var size = stackalloc ushort[4] { (ushort)rows, (ushort)columns, 0, 0 };
        Assert.Equal(0, ioctl((int)Controller, TIOCSWINSZ, size));
    }

    /// <summary>What the guest wrote (the terminal turns "\n" into "\r\n").</summary>
    public string ReadOutput()
    {
        var buffer = stackalloc byte[4096];
        var n = read((int)Controller, buffer, 4096);
        Assert.True(n > 0, "nothing was written to the terminal");
        return Encoding.UTF8.GetString(buffer, (int)n);
    }

    /// <summary>Types text at the keyboard.</summary>
    public void Type(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes)
            Assert.Equal(bytes.Length, (int)write((int)Controller, p, bytes.Length));
    }

    public void Dispose()
    {
        FileHandles.CloseHandle(Terminal);
        FileHandles.CloseHandle(Controller);
    }
}
