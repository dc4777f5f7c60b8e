using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>
/// Priority classes and thread priorities, boost, affinity, the ideal processor; module enumeration and base names,
/// QueryFullProcessImageNameW; memory counters and working-set limits; handle flags; the DLL folder.
/// </summary>
public sealed unsafe class SchedulingAndMemoryTests : ProcessTest
{
    [Fact]
    public void Priority_class_reads_back_and_refuses_what_windows_refuses()
    {
        Assert.Equal(Scheduling.NORMAL_PRIORITY_CLASS, Scheduling.GetPriorityClass(-1));
        try
        {
            Assert.Equal(1, Scheduling.SetPriorityClass(-1, Scheduling.BELOW_NORMAL_PRIORITY_CLASS));
            Assert.Equal(Scheduling.BELOW_NORMAL_PRIORITY_CLASS, Scheduling.GetPriorityClass(-1));
            Assert.Equal(1, Scheduling.SetPriorityClass(-1, Scheduling.REALTIME_PRIORITY_CLASS));
            Assert.Equal(Scheduling.HIGH_PRIORITY_CLASS, Scheduling.GetPriorityClass(-1)); // without the privilege
            Clear();
            Assert.Equal(0, Scheduling.SetPriorityClass(-1, 0x12345));
            Assert.Equal(87, Err);
            Assert.Equal(1, Scheduling.SetPriorityClass(-1, Scheduling.PROCESS_MODE_BACKGROUND_BEGIN));
            Assert.Equal(0, Scheduling.SetPriorityClass(-1, Scheduling.PROCESS_MODE_BACKGROUND_BEGIN));
            Assert.Equal(Scheduling.ERROR_PROCESS_MODE_ALREADY_BACKGROUND, Err);
            Assert.Equal(1, Scheduling.SetPriorityClass(-1, Scheduling.PROCESS_MODE_BACKGROUND_END));
            Assert.Equal(0, Scheduling.SetPriorityClass(-1, Scheduling.PROCESS_MODE_BACKGROUND_END));
            Assert.Equal(Scheduling.ERROR_PROCESS_MODE_NOT_BACKGROUND, Err);
        }
        finally
        {
            Scheduling.SetPriorityClass(-1, Scheduling.NORMAL_PRIORITY_CLASS);
        }
        Clear();
        Assert.Equal(0u, Scheduling.GetPriorityClass(0x4321));
        Assert.Equal(6, Err);
        Assert.Equal(0u, Scheduling.GetPriorityClass(-2)); // a thread is no process
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Thread_priority_boost_and_ideal_processor_read_back()
    {
        var worker = new Thread(() =>
        {
            int disabled;
            Assert.Equal(0, Scheduling.GetThreadPriority(-2));
            Assert.Equal(1, Scheduling.SetThreadPriority(-2, 2));
            Assert.Equal(2, Scheduling.GetThreadPriority(-2));
            Assert.Equal(1, Scheduling.SetThreadPriority(-2, Scheduling.THREAD_PRIORITY_IDLE));
            Assert.Equal(Scheduling.THREAD_PRIORITY_IDLE, Scheduling.GetThreadPriority(-2));
            Clear();
            Assert.Equal(0, Scheduling.SetThreadPriority(-2, 3));
            Assert.Equal(87, Err);
            Assert.Equal(1, Scheduling.SetThreadPriorityBoost(-2, 1));
            Assert.Equal(1, Scheduling.GetThreadPriorityBoost(-2, &disabled));
            Assert.Equal(1, disabled);
            Assert.Equal(0u, Scheduling.SetThreadIdealProcessor(-2, 0));
            Assert.Equal(0u, Scheduling.SetThreadIdealProcessor(-2, Scheduling.MAXIMUM_PROCESSORS)); // asks only
            Clear();
            Assert.Equal(uint.MaxValue, Scheduling.SetThreadIdealProcessor(-2, 200));
            Assert.Equal(87, Err);
        });
        worker.Start();
        worker.Join();
        Clear();
        Assert.Equal(Scheduling.THREAD_PRIORITY_ERROR_RETURN, Scheduling.GetThreadPriority(-1));
        Assert.Equal(6, Err);
        int processDisabled;
        Assert.Equal(1, Scheduling.SetProcessPriorityBoost(-1, 1));
        Assert.Equal(1, Scheduling.GetProcessPriorityBoost(-1, &processDisabled));
        Assert.Equal(1, processDisabled);
        Assert.Equal(1, Scheduling.SetProcessPriorityBoost(-1, 0));
    }

    [Fact]
    public void Affinity_masks_are_subsets_of_the_hosts_processors()
    {
        nuint process, system;
        Assert.Equal(1, Scheduling.GetProcessAffinityMask(-1, &process, &system));
        Assert.Equal((nuint)Scheduling.SystemMask, system);
        Assert.Equal(system, process);
        Assert.Equal(System.Numerics.BitOperations.PopCount(system), Math.Min(Environment.ProcessorCount, 64));
        try
        {
            Assert.Equal(1, Scheduling.SetProcessAffinityMask(-1, 1));
            Assert.Equal(1, Scheduling.GetProcessAffinityMask(-1, &process, &system));
            Assert.Equal((nuint)1, process);
            Clear();
            Assert.Equal((nint)0, Scheduling.SetThreadAffinityMask(-2, 2)); // outside the process's mask
            Assert.Equal(87, Err);
            Assert.Equal((nint)1, Scheduling.SetThreadAffinityMask(-2, 1)); // the previous: the process's
            Clear();
            Assert.Equal(0, Scheduling.SetProcessAffinityMask(-1, 0));
            Assert.Equal(87, Err);
        }
        finally
        {
            Scheduling.SetProcessAffinityMask(-1, (nint)system);
        }
        var number = stackalloc byte[4];
        Scheduling.GetCurrentProcessorNumberEx(number);
        Assert.Equal(0, *(ushort*)number);
        Assert.InRange(number[2], 0, Environment.ProcessorCount - 1);
    }

    [Fact]
    public void Modules_of_this_process_enumerate_with_base_names()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll"));
        var modules = stackalloc nint[8];
        uint needed;
        Assert.Equal(1, ProcessModules.K32EnumProcessModules(-1, modules, 8 * (uint)sizeof(nint), &needed));
        var count = (int)(needed / (uint)sizeof(nint));
        Assert.True(count >= 3);
        Assert.Equal(Modules.ProgramModule, modules[0]);
        Assert.Contains(Modules.Kernel32Module, new ReadOnlySpan<nint>(modules, count).ToArray());
        Assert.Equal(1, ProcessModules.K32EnumProcessModules(-1, null, 0, &needed)); // sizing call
        Assert.Equal((uint)(count * sizeof(nint)), needed);
        Clear();
        Assert.Equal(0, ProcessModules.K32EnumProcessModules(-1, modules, 64, null));
        Assert.Equal(998, Err);
        Assert.Equal(1, ProcessModules.K32EnumProcessModulesEx(-1, modules, 64, &needed, 1)); // no 32-bit modules
        Assert.Equal(0u, needed);
        Assert.Equal(0, ProcessModules.K32EnumProcessModulesEx(-1, modules, 64, &needed, 4));
        Assert.Equal(87, Err);

        var name = stackalloc char[64];
        Assert.Equal(9u, ProcessModules.K32GetModuleBaseNameW(-1, 0, name, 64));
        Assert.Equal("Guest.exe", new string(name));
        Assert.Equal(12u, ProcessModules.K32GetModuleBaseNameW(-1, Modules.Kernel32Module, name, 64));
        Assert.Equal("kernel32.dll", new string(name));
        Assert.Equal(3u, ProcessModules.K32GetModuleBaseNameW(-1, 0, name, 4));
        Assert.Equal("Gue", new string(name));

        uint size = 64;
        Assert.Equal(1, ProcessModules.QueryFullProcessImageNameW(-1, 0, name, &size));
        Assert.Equal(@"Z:\opt\app\Guest.exe", new string(name));
        Assert.Equal(20u, size);
        size = 64;
        Assert.Equal(1, ProcessModules.QueryFullProcessImageNameW(-1, 1, name, &size));
        Assert.Equal(@"\Device\HarddiskVolume24\opt\app\Guest.exe", new string(name));
        size = 20; // no room for the terminator
        Clear();
        Assert.Equal(0, ProcessModules.QueryFullProcessImageNameW(-1, 0, name, &size));
        Assert.Equal(122, Err);
        Assert.Equal(0, ProcessModules.QueryFullProcessImageNameW(0x4321, 0, name, &size));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Memory_counters_are_the_hosts_and_working_set_limits_read_back()
    {
        ProcessMemory.PROCESS_MEMORY_COUNTERS_EX counters;
        Assert.Equal(1, ProcessMemory.K32GetProcessMemoryInfo(-1, &counters, (uint)sizeof(ProcessMemory.PROCESS_MEMORY_COUNTERS_EX)));
        Assert.Equal(80u, counters.cb);
        Assert.InRange((long)counters.WorkingSetSize, Environment.WorkingSet / 2, Environment.WorkingSet * 2);
        Assert.True(counters.PeakWorkingSetSize >= counters.WorkingSetSize && counters.PrivateUsage > 0 && counters.PageFaultCount > 0);
        Assert.Equal(72, ProcessMemory.BasicSize);
        Clear();
        Assert.Equal(0, ProcessMemory.K32GetProcessMemoryInfo(-1, &counters, 71));
        Assert.Equal(122, Err);

        nuint minimum, maximum;
        uint flags;
        Assert.Equal(1, ProcessMemory.GetProcessWorkingSetSizeEx(-1, &minimum, &maximum, &flags));
        Assert.Equal((ProcessMemory.DefaultMinimum, ProcessMemory.DefaultMaximum, 0xAu), (minimum, maximum, flags));
        try
        {
            Assert.Equal(1, ProcessMemory.SetProcessWorkingSetSizeEx(-1, 1 << 20, 4 << 20, ProcessMemory.QUOTA_LIMITS_HARDWS_MAX_ENABLE));
            Assert.Equal(1, ProcessMemory.GetProcessWorkingSetSizeEx(-1, &minimum, &maximum, &flags));
            Assert.Equal(((nuint)(1 << 20), (nuint)(4 << 20), 0x6u), (minimum, maximum, flags));
            Clear();
            Assert.Equal(0, ProcessMemory.SetProcessWorkingSetSizeEx(-1, 4 << 20, 1 << 20, 0));
            Assert.Equal(87, Err);
            Assert.Equal(0, ProcessMemory.SetProcessWorkingSetSizeEx(-1, 1, 2, 0x3));
            Assert.Equal(87, Err);
            Assert.Equal(1, ProcessMemory.SetProcessWorkingSetSizeEx(-1, -1, -1, 0)); // trim
        }
        finally
        {
            ProcessMemory.SetProcessWorkingSetSizeEx(-1, (nint)ProcessMemory.DefaultMinimum, (nint)ProcessMemory.DefaultMaximum, 0xA);
        }
    }

    [Fact]
    public void A_protected_handle_cannot_be_closed_until_unprotected()
    {
        nint read, write;
        Assert.True(Pipes.CreatePipe(&read, &write, null, 0) != 0);
        uint flags;
        Assert.Equal(1, HandleDuplication.GetHandleInformation(read, &flags));
        Assert.Equal(0u, flags);
        Assert.Equal(1, HandleDuplication.SetHandleInformation(read, 3, HandleDuplication.HANDLE_FLAG_PROTECT_FROM_CLOSE | HandleDuplication.HANDLE_FLAG_INHERIT));
        Assert.Equal(1, HandleDuplication.SetHandleInformation(read, HandleDuplication.HANDLE_FLAG_INHERIT, 0)); // only the masked bit
        Assert.Equal(1, HandleDuplication.GetHandleInformation(read, &flags));
        Assert.Equal(HandleDuplication.HANDLE_FLAG_PROTECT_FROM_CLOSE, flags);
        Clear();
        Assert.Equal(0, FileHandles.CloseHandle(read));
        Assert.Equal(6, Err);
        Assert.Equal(1, HandleDuplication.SetHandleInformation(read, HandleDuplication.HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
        Assert.Equal(1, FileHandles.CloseHandle(read));
        FileHandles.CloseHandle(write);
        Clear();
        Assert.Equal(0, HandleDuplication.SetHandleInformation(read, 1, 1));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void Dll_folder_reads_back_and_no_thread_has_io_pending()
    {
        var buffer = stackalloc char[64];
        fixed (char* folder = @"C:\plugins")
            Assert.Equal(1, LibraryLoading.SetDllDirectoryW(folder));
        Assert.Equal(10u, LibraryLoading.GetDllDirectoryW(64, buffer));
        Assert.Equal(@"C:\plugins", new string(buffer));
        Assert.Equal(11u, LibraryLoading.GetDllDirectoryW(5, buffer)); // the size needed
        Assert.Equal(1, LibraryLoading.SetDllDirectoryW(null));
        Assert.Equal(0u, LibraryLoading.GetDllDirectoryW(64, buffer));

        int pending = 1;
        Assert.Equal(1, Threads.GetThreadIOPendingFlag(-2, &pending));
        Assert.Equal(0, pending);
        Clear();
        Assert.Equal(0, Threads.GetThreadIOPendingFlag(-1, &pending));
        Assert.Equal(6, Err);
    }
}
