using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>OpenThread, GetThreadTimes and K32GetModuleFileNameExW, on threads of this process and on a child.</summary>
public sealed unsafe class ThreadAndModuleQueryTests : ProcessTest
{
    [Fact]
    public void A_thread_of_this_process_opens_and_reports_its_times()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var threadId = 0;
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            threadId = (int)ProcessBasics.GetCurrentThreadId();
            var spin = System.Diagnostics.Stopwatch.StartNew();
            while (spin.ElapsedMilliseconds < 150) { } // some CPU time to report
            started.Set();
            release.Wait();
        });
        thread.Start();
        try
        {
            started.Wait();
            Clear();
            var handle = Threads.OpenThread(0x0040 /* THREAD_QUERY_INFORMATION */, 0, (uint)threadId);
            Assert.NotEqual(0, handle);
            Assert.Equal((uint)threadId, ProcessControl.GetThreadId(handle));

            FILETIME creation, exit, kernel, user;
            Assert.Equal(1, Threads.GetThreadTimes(handle, &creation, &exit, &kernel, &user));
            Assert.InRange(DateTime.FromFileTimeUtc((long)creation.Value), before, DateTime.UtcNow);
            Assert.Equal(0UL, exit.Value);
            Assert.True(user.Value + kernel.Value >= 500_000, $"150 ms of spinning is at least 50 ms of CPU ({user.Value + kernel.Value})");
            Assert.True(FileHandles.CloseHandle(handle) != 0);
        }
        finally
        {
            release.Set();
            thread.Join();
        }
    }

    [Fact]
    public void The_calling_thread_by_pseudo_handle_and_by_id()
    {
        FILETIME creation, exit, kernel, user;
        Assert.Equal(1, Threads.GetThreadTimes(-2, &creation, &exit, &kernel, &user));
        Assert.True(creation.Value > 0);
        var own = Threads.OpenThread(0x0040, 0, ProcessBasics.GetCurrentThreadId());
        Assert.NotEqual(0, own);
        Assert.Equal(ProcessBasics.GetCurrentThreadId(), ProcessControl.GetThreadId(own));
        FileHandles.CloseHandle(own);
    }

    [Fact]
    public void Thread_refusals_have_windows_codes()
    {
        Clear();
        Assert.Equal(0, Threads.OpenThread(0x0040, 0, 0));
        Assert.Equal(87, Err);
        Clear();
        Assert.Equal(0, Threads.OpenThread(0x0040, 0, 0x7FFFFFF0)); // no such thread
        Assert.Equal(87, Err);

        FILETIME creation, exit, kernel, user;
        Clear();
        Assert.Equal(0, Threads.GetThreadTimes(0x4321, &creation, &exit, &kernel, &user));
        Assert.Equal(6, Err);
        Clear();
        Assert.Equal(0, Threads.GetThreadTimes(-1, &creation, &exit, &kernel, &user)); // a process is no thread
        Assert.Equal(6, Err);
        Clear();
        Assert.Equal(0, Threads.GetThreadTimes(-2, null, &exit, &kernel, &user));
        Assert.Equal(998, Err);
    }

    [Fact]
    public void A_childs_main_thread_opens_by_id_and_reports_its_end()
    {
        Assert.True(Start(null, "sleep 30", out var info), $"CreateProcessW failed: {Err}");
        try
        {
            var thread = Threads.OpenThread(0x0040, 0, info.dwThreadId);
            Assert.NotEqual(0, thread);
            Assert.Equal(info.dwThreadId, ProcessControl.GetThreadId(thread));
            FILETIME creation, exit, kernel, user;
            Assert.Equal(1, Threads.GetThreadTimes(thread, &creation, &exit, &kernel, &user));
            Assert.Equal(0UL, exit.Value);

            Assert.True(ProcessControl.TerminateProcess(info.hProcess, 9) != 0);
            Assert.Equal(0U, Waits.WaitForSingleObject(thread, INFINITE));
            Assert.Equal(1, Threads.GetThreadTimes(thread, &creation, &exit, &kernel, &user));
            Assert.True(exit.Value >= creation.Value && creation.Value > 0);
            FileHandles.CloseHandle(thread);
        }
        finally
        {
            ProcessControl.TerminateProcess(info.hProcess, 9);
            CloseBoth(info);
        }
    }

    [Fact]
    public void Module_file_name_of_this_process_is_GetModuleFileNameWs()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll"));
        var buffer = stackalloc char[260];
        Assert.Equal(20U, ProcessModules.K32GetModuleFileNameExW(-1, 0, buffer, 260));
        Assert.Equal(@"Z:\opt\app\Guest.exe", new string(buffer));
        Assert.Equal((uint)@"C:\windows\system32\kernel32.dll".Length, ProcessModules.K32GetModuleFileNameExW(-1, Modules.Kernel32Module, buffer, 260));

        // Too small: nSize - 1 characters and a terminator, nSize returned, the last error untouched (Wine's psapi test).
        LastError.Set(0x1234);
        var small = stackalloc char[8];
        for (var i = 0; i < 8; i++) small[i] = '#';
        Assert.Equal(4U, ProcessModules.K32GetModuleFileNameExW(-1, 0, small, 4));
        Assert.Equal(@"Z:\", new string(small));
        Assert.Equal('#', small[4]);
        Assert.Equal(0x1234, Err);

        Clear();
        Assert.Equal(0U, ProcessModules.K32GetModuleFileNameExW(0, 0, buffer, 260));
        Assert.Equal(6, Err);
        Clear();
        Assert.Equal(0U, ProcessModules.K32GetModuleFileNameExW(-1, 0x1234, buffer, 260)); // no such module
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Module_file_name_of_a_child_is_its_program_until_it_ends()
    {
        Assert.True(Start(null, "sleep 30", out var info), $"CreateProcessW failed: {Err}");
        try
        {
            var buffer = stackalloc char[260];
            var length = ProcessModules.K32GetModuleFileNameExW(info.hProcess, 0, buffer, 260);
            Assert.True(length > 0, $"error {Err}");
            Assert.EndsWith(@"\sleep", new string(buffer, 0, (int)length));
            Assert.Equal(0U, ProcessModules.K32GetModuleFileNameExW(info.hProcess, Modules.Kernel32Module, buffer, 260));
            Assert.Equal(6, Err);

            Assert.True(ProcessControl.TerminateProcess(info.hProcess, 9) != 0);
            Assert.Equal(0U, Waits.WaitForSingleObject(info.hProcess, INFINITE));
            Clear();
            Assert.Equal(0U, ProcessModules.K32GetModuleFileNameExW(info.hProcess, 0, buffer, 260));
            Assert.Equal(299, Err); // ERROR_PARTIAL_COPY: an ended process's memory cannot be read
        }
        finally
        {
            CloseBoth(info);
        }
    }
}
