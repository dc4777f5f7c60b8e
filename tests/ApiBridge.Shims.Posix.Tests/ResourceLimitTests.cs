using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using T = ApiBridge.Shims.Posix.Support.ResourceLimitTable;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>getrlimit/setrlimit/prlimit (getrlimit(2)): the Linux host's own answers, and the Windows host's table held to the same rules.</summary>
public sealed unsafe class ResourceLimitTests : PosixTest
{
    [DllImport("libc", SetLastError = true)] private static extern int getrlimit(int resource, Rlimit* rlim);

    [Fact]
    public void On_Linux_every_limit_is_the_hosts_and_an_unknown_resource_is_EINVAL()
    {
        for (var resource = 0; resource < T.Count; resource++)
        {
            Rlimit mine, host;
            Assert.Equal(0, ResourceLimits.getrlimit(resource, &mine));
            Assert.Equal(0, getrlimit(resource, &host));
            Assert.Equal(host, mine);
        }
        Rlimit limit;
        Assert.Equal(-1, ResourceLimits.getrlimit(T.Count, &limit));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, ResourceLimits.prlimit(0, -1, null, &limit));
        Assert.Equal(E.EINVAL, Errno);
        // glibc turns getrlimit into prlimit64 of the caller: a NULL pointer asks for nothing and succeeds.
        Assert.Equal(0, ResourceLimits.getrlimit(T.RLIMIT_NOFILE, null));
    }

    [Fact]
    public void On_Linux_a_soft_limit_is_lowered_and_restored_and_prlimit_returns_the_old_one()
    {
        Rlimit original;
        Assert.Equal(0, ResourceLimits.getrlimit(T.RLIMIT_CORE, &original));
        var lower = new Rlimit(0, original.rlim_max);
        Rlimit old;
        Assert.Equal(0, ResourceLimits.prlimit(0, T.RLIMIT_CORE, &lower, &old));
        Assert.Equal(original, old);
        var inverted = new Rlimit(2, 1);
        Assert.Equal(-1, ResourceLimits.setrlimit(T.RLIMIT_CORE, &inverted));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(0, ResourceLimits.setrlimit(T.RLIMIT_CORE, &original));
        Assert.Equal(-1, ResourceLimits.prlimit(-5, T.RLIMIT_CORE, null, &old));
        Assert.Equal(E.ESRCH, Errno);
    }

    [Fact]
    public void A_Windows_host_starts_from_Linuxs_login_defaults()
    {
        var table = new T();
        Rlimit limit;
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_STACK, null, &limit));
        Assert.Equal(new Rlimit(8UL << 20, Rlimit.Infinity), limit);
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_CORE, null, &limit));
        Assert.Equal(new Rlimit(0, Rlimit.Infinity), limit);
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, null, &limit));
        Assert.Equal(new Rlimit(FileDescriptorTable.Limit, FileDescriptorTable.Limit), limit);
        Assert.Equal(-1, ResourceLimits.Windows(table, 16, null, &limit));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void A_Windows_host_lets_an_unprivileged_caller_lower_limits_but_never_raise_a_hard_one()
    {
        var table = new T();
        var lower = new Rlimit(100, 200);
        Rlimit old;
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, &lower, &old));
        Assert.Equal(new Rlimit(FileDescriptorTable.Limit, FileDescriptorTable.Limit), old);
        // The soft limit may rise up to the hard one; the hard one back up is EPERM (no CAP_SYS_RESOURCE).
        var upToHard = new Rlimit(200, 200);
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, &upToHard, null));
        var raised = new Rlimit(200, 201);
        Assert.Equal(-1, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, &raised, &old));
        Assert.Equal(E.EPERM, Errno);
        var inverted = new Rlimit(300, 200);
        Assert.Equal(-1, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, &inverted, null));
        Assert.Equal(E.EINVAL, Errno);
        Rlimit now;
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_NOFILE, null, &now));
        Assert.Equal(new Rlimit(200, 200), now);
        var cpu = new Rlimit(5, 10);
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_CPU, &cpu, null));
        Assert.Equal(0, ResourceLimits.Windows(table, T.RLIMIT_CPU, null, &now));
        Assert.Equal(cpu, now);
    }
}
