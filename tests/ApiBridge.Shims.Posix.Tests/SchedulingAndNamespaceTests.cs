using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>Scheduler queries and affinity, namespaces, group lists, sigqueue, system and the fork-like refusals.</summary>
public sealed unsafe class SchedulingAndNamespaceTests : PosixTest
{
    [Fact]
    public void Priority_ranges_are_Linuxs_and_the_Windows_answers_agree()
    {
        for (var policy = -1; policy <= 6; policy++)
        {
            Assert.Equal(HostC.sched_get_priority_max(policy), Scheduling.sched_get_priority_max(policy));
            Assert.Equal(HostC.sched_get_priority_min(policy), Scheduling.sched_get_priority_min(policy));
            Assert.Equal(HostC.sched_get_priority_max(policy), Scheduling.PriorityLimit(policy, max: true));
            Assert.Equal(HostC.sched_get_priority_min(policy), Scheduling.PriorityLimit(policy, max: false));
        }
        Assert.Equal(-1, Scheduling.PriorityLimit(4, max: true));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void The_caller_runs_under_SCHED_OTHER_on_one_of_its_processors()
    {
        Assert.Equal(Scheduling.SCHED_OTHER, Scheduling.sched_getscheduler(0));
        Assert.Equal(-1, Scheduling.sched_getscheduler(-1));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Scheduling.sched_getscheduler(int.MaxValue));
        Assert.Equal(E.ESRCH, Errno);
        var cpu = Scheduling.sched_getcpu();
        Assert.InRange(cpu, 0, System.Environment.ProcessorCount - 1);

        var mask = stackalloc byte[128];
        Assert.Equal(0, Scheduling.sched_getaffinity(0, 128, mask));
        var expected = (ulong)System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity;
        Assert.Equal(expected, *(ulong*)mask);
        Assert.True((*(ulong*)mask & (1UL << cpu)) != 0);
        Assert.Equal(0, Scheduling.sched_setaffinity(0, 128, mask)); // the same set again
        Assert.Equal(-1, Scheduling.sched_getaffinity(0, 0, mask));
        Assert.Equal(E.EINVAL, Errno);
        var none = stackalloc byte[128];
        Assert.Equal(-1, Scheduling.sched_setaffinity(0, 128, none));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Fork_like_calls_are_ENOSYS_and_namespaces_refuse_what_they_must()
    {
        Assert.Equal(-1, Exec.vfork());
        Assert.Equal(E.ENOSYS, Errno);
        Assert.Equal(-1, Exec.clone(null, null, 0, null));
        Assert.Equal(E.ENOSYS, Errno);
        var cwd = Directory.GetCurrentDirectory();
        Assert.Equal(-1, Exec.daemon(0, 0));
        Assert.Equal(E.ENOSYS, Errno);
        Assert.Equal(cwd, Directory.GetCurrentDirectory()); // nothing changed

        Assert.Equal(0, Namespaces.unshare(0));
        Assert.Equal(-1, Namespaces.unshare(0x1)); // not a clone flag
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Namespaces.unshare(Namespaces.CLONE_THREAD)); // a .NET process has many threads
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Namespaces.setns(99, 0));
        Assert.Equal(E.EBADF, Errno);
        File.WriteAllText(P("f"), "");
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(-1, Namespaces.setns(fd, 0)); // a plain file is no namespace
        Assert.Equal(E.EINVAL, Errno);
        Files.close(fd);
    }

    [Fact]
    public void Group_lists_are_glibcs_and_setgroups_checks_its_size()
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            var gid = uint.Parse(fields[3]);
            var ours = new uint[64];
            var theirs = new uint[64];
            int ourCount = 64, theirCount = 64;
            fixed (byte* user = Z(fields[0])) fixed (uint* a = ours) fixed (uint* b = theirs)
            {
                var expected = HostC.getgrouplist(user, gid, b, &theirCount);
                Assert.Equal(expected, Identity.getgrouplist(user, gid, a, &ourCount));
            }
            Assert.Equal(theirs.Take(theirCount).Order(), ours.Take(ourCount).Order());
        }

        // A view of its own: the user in two more groups; a list too short reports the count needed.
        Directory.CreateDirectory(P("root/etc"));
        File.WriteAllLines(P("root/etc/group"), ["wheel:x:10:tester,other", "audio:x:29:other", "video:x:44:tester", "self:x:1000:"]);
        Use(PosixPathView.Isolated(P("root"), "tester"));
        var groups = new uint[8];
        var count = 2;
        fixed (byte* user = Z("tester")) fixed (uint* g = groups)
        {
            Assert.Equal(-1, Identity.getgrouplist(user, 1000, g, &count));
            Assert.Equal(3, count);
            Assert.Equal([1000u, 10u], groups.Take(2));
            Assert.Equal(3, Identity.getgrouplist(user, 1000, g, &count));
            Assert.Equal([1000u, 10u, 44u], groups.Take(3));
        }

        Assert.Equal(-1, Identity.setgroups(65537, null));
        Assert.Equal(PosixServices.Identity.EffectiveUid == 0 ? E.EINVAL : E.EPERM, Errno);
    }

    [Fact]
    public void Sigqueue_probes_one_process_and_never_a_group()
    {
        Assert.Equal(0, Signals.sigqueue(Proc.getpid(), 0, 42));
        Assert.Equal(-1, Signals.sigqueue(0, 0, 42));
        Assert.Equal(E.ESRCH, Errno);
        Assert.Equal(-1, Signals.sigqueue(-Proc.getpid(), 0, 42));
        Assert.Equal(E.ESRCH, Errno);
        Assert.Equal(-1, Signals.sigqueue(Proc.getpid(), 65, 42));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void System_runs_the_shell_and_returns_its_wait_status()
    {
        Assert.Equal(1, Shell.system(null));
        fixed (byte* exit3 = Z("exit 3")) fixed (byte* echo = Z($"echo made > '{P("out")}'"))
        {
            Assert.Equal(3 << 8, Shell.system(exit3));
            Assert.Equal(0, Shell.system(echo));
        }
        Assert.Equal("made\n", File.ReadAllText(P("out")));
        Assert.Equal(-1, Proc.wait(null));
        Assert.Equal(E.ECHILD, Errno); // system reaped its child

        // A root folder with no /bin/sh: no shell, and a command fares as if the shell had exited 127.
        Directory.CreateDirectory(P("root"));
        Use(PosixPathView.Isolated(P("root"), "tester"));
        Assert.Equal(0, Shell.system(null));
        fixed (byte* any = Z("true"))
            Assert.Equal(127 << 8, Shell.system(any));
    }

    [Fact]
    public void A_view_without_etc_files_gets_glibcs_defaults()
    {
        Directory.CreateDirectory(P("root"));
        Use(PosixPathView.Isolated(P("root"), "tester"));
        SystemNames.endusershell();
        Assert.Equal("/bin/sh", Str(SystemNames.getusershell()));
        Assert.Equal("/bin/csh", Str(SystemNames.getusershell()));
        Assert.True(SystemNames.getusershell() == null);
        SystemNames.endusershell();

        Directory.CreateDirectory(P("root/etc"));
        File.WriteAllBytes(P("root/etc/hostid"), BitConverter.GetBytes(0x1234ABCD));
        Assert.Equal(0x1234ABCD, SystemNames.gethostid());
    }
}
