using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>CreatePipe and PeekNamedPipe; GetModuleFileNameW/A, GetModuleHandleW; GetStartupInfoW.</summary>
public sealed unsafe class PipeModuleStartupTests : ProcessTest
{
    [Fact]
    public void PipesPeekWithoutConsumingAndReportTheBrokenEnd()
    {
        nint read, write;
        Assert.Equal(1, Pipes.CreatePipe(&read, &write, null, 4096));
        Assert.Equal(FileHandles.FILE_TYPE_PIPE, FileHandles.GetFileType(read));
        uint peeked = 99, available = 99, left = 99;
        Assert.Equal(1, Pipes.PeekNamedPipe(read, null, 0, &peeked, &available, &left));
        Assert.Equal((0U, 0U, 0U), (peeked, available, left));

        Assert.True(Write(write, "hello pipe"));
        var buffer = new byte[5];
        fixed (byte* b = buffer)
            Assert.Equal(1, Pipes.PeekNamedPipe(read, b, 5, &peeked, &available, null));
        Assert.Equal(5U, peeked);
        Assert.Equal(10U, available);
        Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
        Assert.Equal(1, Pipes.PeekNamedPipe(read, null, 0, null, &available, null));
        Assert.Equal(10U, available); // nothing consumed

        Assert.True(Close(write));
        Assert.Equal("hello pipe", ReadAll(read)); // then ReadFile fails: the writer is gone
        Assert.Equal(Win32Error.ERROR_BROKEN_PIPE, Err);
        Clear();
        Assert.Equal(0, Pipes.PeekNamedPipe(read, null, 0, null, &available, null));
        Assert.Equal(Win32Error.ERROR_BROKEN_PIPE, Err);
        Close(read);

        Assert.Equal(0, Pipes.PeekNamedPipe(read, null, 0, null, &available, null));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        var file = Create(@"C:\work\f.txt", GENERIC_WRITE, 0, CREATE_ALWAYS);
        Assert.Equal(0, Pipes.PeekNamedPipe(file, null, 0, null, &available, null));
        Assert.Equal(Win32Error.ERROR_INVALID_FUNCTION, Err);
        Close(file);
        Assert.Equal(0, Pipes.CreatePipe(null, &write, null, 0));
        Assert.Equal(Win32Error.ERROR_NOACCESS, Err);
    }

    [Fact]
    public void ModuleFileNameIsTheGuestsExeOnItsDrive()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll"));
        var buffer = stackalloc char[260];
        LastError.Set(5);
        Assert.Equal(20U, Modules.GetModuleFileNameW(0, buffer, 260));
        Assert.Equal(@"Z:\opt\app\Guest.exe", new string(buffer));
        Assert.Equal(0, LastError.Value);

        var module = Modules.GetModuleHandleW(null);
        Assert.NotEqual(0, module);
        Assert.Equal(20U, Modules.GetModuleFileNameW(module, buffer, 260));
        fixed (char* name = "GUEST")
            Assert.Equal(module, Modules.GetModuleHandleW(name));
        fixed (char* name = "guest.exe")
            Assert.Equal(module, Modules.GetModuleHandleW(name));
        fixed (char* name = "KERNEL32.DLL")
        {
            var kernel32 = Modules.GetModuleHandleW(name);
            Assert.NotEqual(0, kernel32);
            Assert.Equal((uint)@"C:\windows\system32\kernel32.dll".Length, Modules.GetModuleFileNameW(kernel32, buffer, 260));
        }
        fixed (char* name = "user32.dll")
            Assert.Equal(0, Modules.GetModuleHandleW(name));
        Assert.Equal(Modules.ERROR_MOD_NOT_FOUND, LastError.Value);
        Assert.Equal(0U, Modules.GetModuleFileNameW(0x1234, buffer, 260));
        Assert.Equal(Modules.ERROR_MOD_NOT_FOUND, LastError.Value);

        // Too small: truncated to nSize - 1 characters and a terminator, nSize returned, ERROR_INSUFFICIENT_BUFFER.
        var small = stackalloc char[8];
        for (var i = 0; i < 8; i++) small[i] = '#';
        Assert.Equal(5U, Modules.GetModuleFileNameW(0, small, 5));
        Assert.Equal(Win32Error.ERROR_INSUFFICIENT_BUFFER, LastError.Value);
        Assert.Equal(@"Z:\o", new string(small, 0, 4));
        Assert.Equal('\0', small[4]);
        Assert.Equal('#', small[5]);
        Assert.Equal(0U, Modules.GetModuleFileNameW(0, small, 0));
        Assert.Equal(Win32Error.ERROR_INSUFFICIENT_BUFFER, LastError.Value);

        var narrow = stackalloc byte[64];
        Assert.Equal(20U, Modules.GetModuleFileNameA(0, narrow, 64));
        Assert.Equal(@"Z:\opt\app\Guest.exe", Marshal.PtrToStringUTF8((nint)narrow));
    }

    [Fact]
    public void ModuleFileNamePrefersTheOriginalGuestPath()
    {
        var environment = new FakeEnvironment("/cache/abc/Guest.dll");
        environment.SetVariable("APIBRIDGE_GUEST_PATH", "/home/u/app/Guest.dll");
        Use(environment);
        var buffer = stackalloc char[260];
        var length = Modules.GetModuleFileNameW(0, buffer, 260);
        Assert.Equal(@"Z:\home\u\app\Guest.exe", new string(buffer, 0, (int)length));
        Assert.StartsWith("\"Z:\\home\\u\\app\\Guest.exe\"", new string(CommandLine.GetCommandLineW()));
    }

    [Fact]
    public void StartupInfoHasItsSizeAndTitle()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll"));
        STARTUPINFOW info;
        StartupInfo.GetStartupInfoW(&info);
        Assert.Equal(104U, info.cb);
        Assert.Equal(0U, info.dwFlags & STARTUPINFOW.STARTF_USESTDHANDLES);
        Assert.Equal(@"Z:\opt\app\Guest.exe", new string(info.lpTitle));
        Assert.Equal(@"WinSta0\Default", new string(info.lpDesktop));
    }
}
