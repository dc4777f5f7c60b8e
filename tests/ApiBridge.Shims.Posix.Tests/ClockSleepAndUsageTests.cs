using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using E = ApiBridge.Shims.Posix.Errno;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>clock_nanosleep (clock_nanosleep(2)), uname (uname(2)), wait4/wait3 and getrusage (wait4(2), getrusage(2)).</summary>
public sealed unsafe class ClockSleepAndUsageTests : PosixTest
{
    [DllImport("libc")] private static extern int clock_nanosleep(int clockid, int flags, Timespec* request, Timespec* remain);
    [DllImport("libc")] private static extern int uname(byte* buf);

    [Fact]
    public void Clock_nanosleep_refuses_as_Linux_does_clock_by_clock()
    {
        var tiny = new Timespec { tv_nsec = 1000 };
        // Clock 2 (the process's CPU time) is left out of the host call: it sleeps until the process has run that long.
        foreach (var clock in new[] { 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, 100 })
            Assert.Equal(clock_nanosleep(clock, 0, &tiny, null), ClockSleep.clock_nanosleep(clock, 0, &tiny, null));
        var bad = new Timespec { tv_nsec = 1_000_000_000 };
        Assert.Equal(E.EINVAL, ClockSleep.clock_nanosleep(Time.CLOCK_REALTIME, 0, &bad, null));
        Assert.Equal(E.EOPNOTSUPP, ClockSleep.clock_nanosleep(Time.CLOCK_MONOTONIC_RAW, 0, &bad, null)); // the clock first
        var negative = new Timespec { tv_sec = -1 };
        Assert.Equal(E.EINVAL, ClockSleep.clock_nanosleep(Time.CLOCK_MONOTONIC, ClockSleep.TIMER_ABSTIME, &negative, null));
        Assert.Equal(0, Errno); // an error number is returned, errno is left alone
    }

    [Fact]
    public void Clock_nanosleep_sleeps_at_least_the_time_relative_or_absolute()
    {
        var request = new Timespec { tv_nsec = 50_000_000 };
        var remain = new Timespec { tv_sec = 7, tv_nsec = 7 };
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, ClockSleep.clock_nanosleep(Time.CLOCK_MONOTONIC, 0, &request, &remain));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(50), watch.Elapsed.ToString());
        Assert.Equal(default, remain);

        Timespec now;
        Assert.Equal(0, Time.clock_gettime(Time.CLOCK_MONOTONIC, &now));
        var until = new Timespec { tv_sec = now.tv_sec, tv_nsec = now.tv_nsec + 80_000_000 };
        if (until.tv_nsec >= 1_000_000_000)
        {
            until.tv_sec++;
            until.tv_nsec -= 1_000_000_000;
        }
        watch.Restart();
        Assert.Equal(0, ClockSleep.clock_nanosleep(Time.CLOCK_MONOTONIC, ClockSleep.TIMER_ABSTIME, &until, null));
        Timespec after;
        Time.clock_gettime(Time.CLOCK_MONOTONIC, &after);
        Assert.True(after.tv_sec > until.tv_sec || (after.tv_sec == until.tv_sec && after.tv_nsec >= until.tv_nsec));
        // A time already past returns at once.
        watch.Restart();
        Assert.Equal(0, ClockSleep.clock_nanosleep(Time.CLOCK_MONOTONIC, ClockSleep.TIMER_ABSTIME, &now, null));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(40), watch.Elapsed.ToString());
    }

    private static string[] Fields(byte* buf) =>
        Enumerable.Range(0, 6).Select(i => Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buf + i * Uname.FieldLength, Uname.FieldLength)).TrimEnd('\0')).ToArray();

    [Fact]
    public void Uname_is_the_hosts_on_Linux_and_WSL2s_kernel_on_Windows()
    {
        var mine = stackalloc byte[6 * Uname.FieldLength];
        var host = stackalloc byte[6 * Uname.FieldLength];
        Assert.Equal(0, Uname.uname(mine));
        Assert.Equal(0, uname(host));
        Assert.Equal(Fields(host), Fields(mine));
        Assert.Equal(-1, Uname.uname(null));
        Assert.Equal(E.EFAULT, Errno);

        var windows = stackalloc byte[6 * Uname.FieldLength];
        new Span<byte>(windows, 6 * Uname.FieldLength).Fill(0xFF);
        Uname.WindowsAnswer(windows, new string('h', 70));
        var fields = Fields(windows);
        Assert.Equal("Linux", fields[0]);
        Assert.Equal(new string('h', 64), fields[1]); // cut to 64 bytes, the 65th the terminator
        Assert.Equal("5.15.153.1-microsoft-standard-WSL2", fields[2]);
        Assert.StartsWith("#1 SMP", fields[3]);
        Assert.Equal("x86_64", fields[4]);
        Assert.Equal("(none)", fields[5]);
    }

    private static int Spawn(string command)
    {
        string[] argv = ["sh", "-c", command];
        var strings = argv.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToList();
        var array = new nint[argv.Length + 1];
        strings.CopyTo(array);
        try
        {
            int pid;
            fixed (byte* p = Z("/bin/sh")) fixed (nint* a = array)
                Assert.Equal(0, Proc.posix_spawn(&pid, p, null, null, (byte**)a, null));
            return pid;
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    [Fact]
    public void Wait4_reports_the_status_and_fills_the_usage_only_for_a_reaped_child()
    {
        var pid = Spawn("sleep 0.3; exit 4");
        int status = -1;
        var usage = new Rusage { ru_maxrss = 77 };
        Assert.Equal(0, ResourceUsage.wait4(pid, &status, Proc.WNOHANG, &usage));
        Assert.Equal(77, usage.ru_maxrss); // nothing reaped: left alone
        Assert.Equal(pid, ResourceUsage.wait4(pid, &status, 0, &usage));
        Assert.Equal(4 << 8, status);
        Assert.True(usage.ru_maxrss > 0); // KiB: the host knows the child's peak
        Assert.Equal(-1, ResourceUsage.wait4(pid, &status, 0, &usage));
        Assert.Equal(E.ECHILD, Errno);
        Assert.Equal(-1, ResourceUsage.wait3(&status, 0x40, null)); // no such option
        Assert.Equal(E.EINVAL, Errno);

        var other = Spawn("exit 9");
        Assert.Equal(other, ResourceUsage.wait3(&status, 0, null));
        Assert.Equal(9 << 8, status);
    }

    [Fact]
    public void Getrusage_counts_the_callers_time_and_refuses_an_unknown_who()
    {
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 30)
        {
        }
        Rusage self, thread;
        Assert.Equal(0, ResourceUsage.getrusage(ResourceUsage.RUSAGE_SELF, &self));
        Assert.True(self.ru_utime.tv_sec > 0 || self.ru_utime.tv_usec > 0);
        Assert.True(self.ru_maxrss > 1024); // KiB: a .NET process holds more than a megabyte
        Assert.Equal(0, ResourceUsage.getrusage(ResourceUsage.RUSAGE_THREAD, &thread));
        Assert.True(thread.ru_utime.tv_sec * 1_000_000 + thread.ru_utime.tv_usec <= self.ru_utime.tv_sec * 1_000_000 + self.ru_utime.tv_usec);
        Assert.Equal(0, ResourceUsage.getrusage(ResourceUsage.RUSAGE_CHILDREN, &self));
        Assert.Equal(-1, ResourceUsage.getrusage(2, &self));
        Assert.Equal(E.EINVAL, Errno);
    }

    private static long Microseconds(Timeval t) => t.tv_sec * 1_000_000 + t.tv_usec;

    [Fact]
    public void Wait4_reports_a_cpu_burning_childs_time_and_RUSAGE_CHILDREN_adds_up_the_waited_children()
    {
        Rusage before;
        Assert.Equal(0, ResourceUsage.getrusage(ResourceUsage.RUSAGE_CHILDREN, &before));
        Assert.Equal(0, Microseconds(before.ru_utime)); // a fresh child table: nothing waited for yet

        var pid = Spawn("i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");
        int status;
        Rusage usage;
        Assert.Equal(pid, ResourceUsage.wait4(pid, &status, 0, &usage));
        Assert.Equal(0, status);
        Assert.True(Microseconds(usage.ru_utime) > 50_000, $"user time {Microseconds(usage.ru_utime)} µs");
        Assert.True(usage.ru_maxrss > 0);

        var quick = Spawn("exit 0");
        Rusage second;
        Assert.Equal(quick, ResourceUsage.wait3(&status, 0, &second));
        Assert.True(Microseconds(second.ru_utime) < Microseconds(usage.ru_utime)); // its own share, not the first's

        Rusage children;
        Assert.Equal(0, ResourceUsage.getrusage(ResourceUsage.RUSAGE_CHILDREN, &children));
        Assert.Equal(Microseconds(usage.ru_utime) + Microseconds(second.ru_utime), Microseconds(children.ru_utime));
        Assert.Equal(Math.Max(usage.ru_maxrss, second.ru_maxrss), children.ru_maxrss);
    }
}
