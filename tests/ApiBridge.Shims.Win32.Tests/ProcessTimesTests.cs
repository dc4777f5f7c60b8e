using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>GetProcessTimes and K32EnumProcesses on the current process: FILETIME moments and durations, and the buffer rules.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ProcessTimesTests
{
    [Fact]
    public void The_current_process_started_before_now_has_not_ended_and_has_used_cpu()
    {
        FILETIME creation, exit, kernel, user;
        Assert.Equal(1, ProcessTimes.GetProcessTimes(-1, &creation, &exit, &kernel, &user));
        var started = DateTime.FromFileTimeUtc((long)creation.Value);
        Assert.InRange(started, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow);
        Assert.Equal(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), started);
        Assert.Equal(0UL, exit.Value);
        Assert.True(kernel.Value + user.Value > 0, "a test host has used some CPU");
        Assert.True(TimeSpan.FromTicks((long)user.Value) <= System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime);

        LastError.Set(0);
        Assert.Equal(0, ProcessTimes.GetProcessTimes(0x4321, &creation, &exit, &kernel, &user));
        Assert.Equal(6, LastError.Value);
    }

    [Fact]
    public void Enumerated_ids_include_this_process_and_stop_at_the_buffers_end()
    {
        var ids = new uint[4096];
        uint needed;
        fixed (uint* p = ids)
            Assert.Equal(1, ProcessTimes.K32EnumProcesses(p, (uint)(ids.Length * sizeof(uint)), &needed));
        Assert.Contains((uint)Environment.ProcessId, ids[..(int)(needed / sizeof(uint))]);

        uint one;
        Assert.Equal(1, ProcessTimes.K32EnumProcesses(&one, sizeof(uint), &needed));
        Assert.Equal((uint)sizeof(uint), needed); // full: the caller asks again with more room
    }
}
