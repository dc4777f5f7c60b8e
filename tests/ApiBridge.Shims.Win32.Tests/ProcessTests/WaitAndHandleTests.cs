using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>Waits, OpenProcess, GetProcessId, pseudo-handles, DuplicateHandle, handle information, closed handles.</summary>
public sealed unsafe class WaitAndHandleTests : ProcessTest
{
    [Fact]
    public void WaitForMultipleObjectsAnyAndAll()
    {
        Assert.True(Start(null, "sleep 30", out var sleeper));
        Assert.True(Start(null, "sh -c \"exit 4\"", out var quick));
        var both = stackalloc nint[] { sleeper.hProcess, quick.hProcess };
        Assert.Equal(1U, Waits.WaitForMultipleObjects(2, both, 0, INFINITE));
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForMultipleObjects(2, both, 1, 100));
        Assert.Equal(4U, ExitCodeOf(quick.hProcess));
        ProcessControl.TerminateProcess(sleeper.hProcess, 9);
        Assert.Equal(0U, Waits.WaitForMultipleObjects(2, both, 1, INFINITE));
        Assert.Equal(0U, Waits.WaitForMultipleObjects(2, both, 0, 0)); // the lowest signalled index

        // A process handle and its thread handle are two objects: waiting for all of them is allowed.
        var pair = stackalloc nint[] { quick.hProcess, quick.hThread };
        Assert.Equal(0U, Waits.WaitForMultipleObjects(2, pair, 1, 0));
        CloseBoth(sleeper);
        CloseBoth(quick);
    }

    [Fact]
    public void WaitFailures()
    {
        var handles = stackalloc nint[65];
        for (var i = 0; i < 65; i++) handles[i] = -1;
        Clear();
        Assert.Equal(WAIT_FAILED, Waits.WaitForMultipleObjects(0, handles, 0, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);
        Assert.Equal(WAIT_FAILED, Waits.WaitForMultipleObjects(65, handles, 0, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForMultipleObjects(64, handles, 0, 0));
        Assert.Equal(WAIT_FAILED, Waits.WaitForMultipleObjects(2, handles, 1, 0)); // the same object twice
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);
        handles[1] = 0x7777770;
        Assert.Equal(WAIT_FAILED, Waits.WaitForMultipleObjects(2, handles, 0, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Clear();
        Assert.Equal(WAIT_FAILED, Waits.WaitForSingleObject(0, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
    }

    [Fact]
    public void PseudoHandlesWorkWhereverAHandleDoes()
    {
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(-1, 0));
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(-2, 10));
        Assert.Equal(STILL_ACTIVE, ExitCodeOf(-1));
        Assert.Equal(ProcessBasics.GetCurrentProcessId(), ProcessControl.GetProcessId(-1));
        Assert.Equal(ProcessBasics.GetCurrentThreadId(), ProcessControl.GetThreadId(-2));
        Clear();
        Assert.Equal(0U, ProcessControl.GetProcessId(-2));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Assert.Equal(1, FileHandles.CloseHandle(-1));

        nint real;
        Assert.Equal(1, HandleDuplication.DuplicateHandle(-1, -1, -1, &real, 0, 0, HandleDuplication.DUPLICATE_SAME_ACCESS));
        Assert.NotEqual(-1, real);
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(real, 0));
        Assert.Equal((uint)Environment.ProcessId, ProcessControl.GetProcessId(real));
        Assert.True(Close(real));
        Assert.False(Close(real));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
    }

    [Fact]
    public void OpenProcessFindsTheCurrentProcessAndChildren()
    {
        Clear();
        Assert.Equal(0, ProcessControl.OpenProcess(0x100000, 0, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);
        Assert.Equal(0, ProcessControl.OpenProcess(0x100000, 0, 1)); // init: a live host process the bridge did not start
        Assert.Equal(Win32Error.ERROR_ACCESS_DENIED, Err);
        Assert.Equal(0, ProcessControl.OpenProcess(0x100000, 0, 0x7FFFFFF0));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);

        var own = ProcessControl.OpenProcess(0x100000, 0, (uint)Environment.ProcessId);
        Assert.NotEqual(0, own);
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(own, 0));
        Close(own);

        Assert.True(Start(null, "sh -c \"exit 6\"", out var child));
        var opened = ProcessControl.OpenProcess(0x100000 | 0x400, 0, child.dwProcessId);
        Assert.NotEqual(0, opened);
        CloseBoth(child); // the object lives on while a handle is open
        Assert.Equal(0U, Waits.WaitForSingleObject(opened, INFINITE));
        Assert.Equal(6U, ExitCodeOf(opened));
        Assert.Equal(child.dwProcessId, ProcessControl.GetProcessId(opened));
        Close(opened);
        Assert.Equal(0, ProcessControl.OpenProcess(0x100000, 0, child.dwProcessId)); // ended and unreferenced: gone
    }

    [Fact]
    public void DuplicateHandleOfProcessesAndPipes()
    {
        Assert.True(Start(null, "sh -c \"exit 2\"", out var child));
        nint copy;
        Assert.Equal(1, HandleDuplication.DuplicateHandle(-1, child.hProcess, -1, &copy, 0, 0, HandleDuplication.DUPLICATE_SAME_ACCESS));
        Assert.NotEqual(child.hProcess, copy);
        CloseBoth(child);
        Assert.Equal(0U, Waits.WaitForSingleObject(copy, INFINITE));
        Assert.Equal(2U, ExitCodeOf(copy));
        nint moved;
        Assert.Equal(1, HandleDuplication.DuplicateHandle(-1, copy, -1, &moved, 0, 0,
            HandleDuplication.DUPLICATE_SAME_ACCESS | HandleDuplication.DUPLICATE_CLOSE_SOURCE));
        Assert.Equal(copy, moved); // closing the source frees the value the copy then takes
        Close(moved);

        nint read, write, write2;
        Assert.True(Pipes.CreatePipe(&read, &write, null, 0) != 0);
        Assert.Equal(1, HandleDuplication.DuplicateHandle(-1, write, -1, &write2, 0, 0, HandleDuplication.DUPLICATE_SAME_ACCESS));
        Assert.NotEqual(write, write2);
        Assert.True(Close(write));
        Assert.True(Write(write2, "through the copy"));
        Assert.True(Close(write2)); // the last writer: now end of file
        Assert.Equal("through the copy", ReadAll(read));
        Close(read);

        Clear();
        Assert.Equal(0, HandleDuplication.DuplicateHandle(-1, 0x7777770, -1, &copy, 0, 0, HandleDuplication.DUPLICATE_SAME_ACCESS));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Assert.Equal(0, HandleDuplication.DuplicateHandle(0x7777770, -1, -1, &copy, 0, 0, HandleDuplication.DUPLICATE_SAME_ACCESS));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
    }

    [Fact]
    public void HandleInformationIsKept()
    {
        nint read, write;
        var attributes = new SECURITY_ATTRIBUTES { nLength = 24, bInheritHandle = 1 };
        Assert.True(Pipes.CreatePipe(&read, &write, &attributes, 0) != 0);
        uint flags;
        Assert.Equal(1, HandleDuplication.GetHandleInformation(read, &flags));
        Assert.Equal(HandleDuplication.HANDLE_FLAG_INHERIT, flags);
        Assert.Equal(1, HandleDuplication.SetHandleInformation(read, HandleDuplication.HANDLE_FLAG_INHERIT, 0));
        Assert.Equal(1, HandleDuplication.GetHandleInformation(read, &flags));
        Assert.Equal(0U, flags);
        Clear();
        Assert.Equal(0, HandleDuplication.SetHandleInformation(0x7777770, 1, 1));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Close(read);
        Close(write);
    }

    [Fact]
    public void ClosedProcessHandlesAreInvalid()
    {
        Assert.True(Start(null, "sh -c true", out var child));
        Waits.WaitForSingleObject(child.hProcess, INFINITE);
        CloseBoth(child);
        Clear();
        Assert.Equal(WAIT_FAILED, Waits.WaitForSingleObject(child.hProcess, 0));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        uint code;
        Assert.Equal(0, ProcessControl.GetExitCodeProcess(child.hProcess, &code));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Assert.Equal(0, ProcessControl.TerminateProcess(child.hProcess, 1));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Assert.False(Close(child.hProcess));
        Assert.Equal(Win32Error.ERROR_INVALID_HANDLE, Err);
        Assert.Equal(0, ProcessControl.GetExitCodeProcess(child.hThread, &code)); // a thread handle is not a process handle
    }
}
