using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>raise, alarm/ualarm and the alarm clock a Windows host keeps; execve/fexecve as exec-by-child; fork's refusal.</summary>
public sealed unsafe class SignalAndExecTests : PosixTest
{
    [Fact]
    public void Raise_of_no_signal_probes_and_a_bad_number_is_EINVAL()
    {
        Assert.Equal(0, Signals.raise(0));
        Assert.Equal(-1, Signals.raise(99));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Alarm_returns_what_the_previous_one_had_left_and_zero_cancels()
    {
        Assert.Equal(0u, Signals.alarm(100));
        Assert.InRange(Signals.alarm(0), 99u, 100u);
        Assert.Equal(0u, Signals.alarm(0));
        Assert.Equal(0u, Signals.ualarm(500_000, 0));
        Assert.InRange(Signals.ualarm(0, 0), 1u, 500_000u);
    }

    [Fact]
    public void Pause_waits_for_a_signal()
    {
        var paused = new Thread(() => Signals.pause()) { IsBackground = true };
        paused.Start();
        Assert.False(paused.Join(300)); // still waiting (the thread is left to a signal or the end of the test run)
    }

    [Fact]
    public void The_alarm_clock_fires_once_after_its_time_and_rearming_reports_the_rest()
    {
        using var fired = new SemaphoreSlim(0);
        var clock = new AlarmClock(() => fired.Release());
        Assert.Equal(TimeSpan.Zero, clock.Arm(TimeSpan.FromSeconds(30)));
        Assert.InRange(clock.Arm(TimeSpan.FromMilliseconds(50)), TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));
        Assert.True(fired.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(fired.Wait(200)); // once
        Assert.Equal(TimeSpan.Zero, clock.Arm(TimeSpan.Zero));

        clock.Arm(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
        Assert.True(fired.Wait(TimeSpan.FromSeconds(5)) && fired.Wait(TimeSpan.FromSeconds(5))); // repeats
        Assert.True(clock.Arm(TimeSpan.Zero) <= TimeSpan.FromMilliseconds(20));
        while (fired.Wait(100)) { }
        Assert.False(fired.Wait(200)); // disarmed
    }

    private static nint[] Argv(params string[] argv)
    {
        var array = new nint[argv.Length + 1];
        for (var i = 0; i < argv.Length; i++)
            array[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        return array;
    }

    [Fact]
    public void Exec_runs_the_program_in_the_guests_place_and_gives_its_status()
    {
        var argv = Argv("sh", "-c", "exit 7");
        try
        {
            fixed (nint* a = argv)
            {
                Assert.Equal(7, Exec.Run("/bin/sh", (byte**)a, null, out var error));
                Assert.Equal(0, error);
                Exec.Run(P("missing"), (byte**)a, null, out error);
                Assert.Equal(E.ENOENT, error);
            }
        }
        finally
        {
            foreach (var p in argv) Marshal.FreeCoTaskMem(p);
        }
        Assert.Empty(PosixServices.Children.All()); // the program was the guest, not its child
    }

    [Fact]
    public void What_exec_checks_first_returns_to_the_caller()
    {
        fixed (byte* missing = Z(P("missing"))) fixed (byte* folder = Z(Scratch))
        {
            Assert.Equal(-1, Exec.execve(missing, null, null));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, Exec.execve(folder, null, null));
            Assert.Equal(E.EACCES, Errno);
            Assert.Equal(-1, Exec.execve(null, null, null));
            Assert.Equal(E.EFAULT, Errno);
        }
        Assert.Equal(-1, Exec.fexecve(999, null, null));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal(-1, Exec.fexecve(1, null, null));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Exec.fork());
        Assert.Equal(E.ENOSYS, Errno);
    }
}
