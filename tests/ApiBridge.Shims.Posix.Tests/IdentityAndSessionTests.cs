using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using Env = ApiBridge.Shims.Posix.Libc.Environment;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// getgroups, getres[ug]id, set*id, process groups and sessions, gethostname, getpagesize, getdtablesize, nice, acct,
/// chroot: on this Linux host the host's answers; the model a Windows host answers from is checked on its own.
/// </summary>
public sealed unsafe class IdentityAndSessionTests : PosixTest
{
    private static string Host(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    [Fact]
    public void Groups_and_saved_ids_are_the_hosts()
    {
        var count = Identity.getgroups(0, null);
        var groups = new uint[count];
        fixed (uint* list = groups)
            Assert.Equal(count, Identity.getgroups(count, list));
        var listed = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Groups:", StringComparison.Ordinal))[7..];
        Assert.Equal(listed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(uint.Parse).Order(), groups.Order());
        Assert.Equal(-1, Identity.getgroups(-1, null));
        Assert.Equal(E.EINVAL, Errno);

        uint real, effective, saved;
        Assert.Equal(0, Identity.getresuid(&real, &effective, &saved));
        Assert.Equal((Env.getuid(), Env.geteuid()), (real, effective));
        Assert.Equal(0, Identity.getresgid(&real, &effective, &saved));
        Assert.Equal((Env.getgid(), Env.getegid()), (real, effective));
    }

    [Fact]
    public void Setting_the_ids_one_already_has_changes_nothing_and_minus_one_alone_is_EINVAL()
    {
        Assert.Equal(0, Identity.setuid(Env.getuid()));
        Assert.Equal(0, Identity.setreuid(IdentityRules.Unchanged, IdentityRules.Unchanged));
        Assert.Equal(0, Identity.setresgid(IdentityRules.Unchanged, Env.getegid(), IdentityRules.Unchanged));
        Assert.Equal(Env.getuid(), Env.geteuid());
        Assert.Equal(-1, Identity.setuid(IdentityRules.Unchanged));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Identity.setegid(IdentityRules.Unchanged));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Theory]
    [InlineData(new uint[] { 1000 }, 0)]
    [InlineData(new uint[] { IdentityRules.Unchanged, 1000, IdentityRules.Unchanged }, 0)]
    [InlineData(new uint[] { 0 }, E.EPERM)] // becoming root
    [InlineData(new uint[] { 1000, 1001 }, E.EPERM)]
    public void An_unprivileged_guest_may_only_name_ids_it_has(uint[] requested, int expected)
    {
        Assert.Equal(expected, IdentityRules.ChangeError(false, [1000, 1000], requested));
        Assert.Equal(0, IdentityRules.ChangeError(true, [1000, 1000], requested));
    }

    [Fact]
    public void Process_group_and_session_are_the_hosts()
    {
        var pid = System.Environment.ProcessId;
        var group = Sessions.getpgrp();
        Assert.Equal(Host("ps", "-o", "pgid=", "-p", pid.ToString()), group.ToString());
        Assert.Equal(group, Sessions.getpgid(0));
        Assert.Equal(group, Sessions.getpgid(pid));
        Assert.Equal(Host("ps", "-o", "sess=", "-p", pid.ToString()), Sessions.getsid(0).ToString());
        Assert.Equal(-1, Sessions.getpgid(int.MaxValue - 7));
        Assert.Equal(E.ESRCH, Errno);
        Assert.Equal(-1, Sessions.setpgid(0, -1));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void On_a_windows_host_the_guest_leads_its_own_session_and_group()
    {
        Func<int, bool> child = pid => pid == 200, alive = pid => pid is 200 or 300;
        Assert.Equal(100, SessionModel.LeaderOf(0, 100, child, alive));
        Assert.Equal(100, SessionModel.LeaderOf(100, 100, child, alive));
        Assert.Equal(100, SessionModel.LeaderOf(200, 100, child, alive)); // a child is in the guest's group
        Assert.Equal(300, SessionModel.LeaderOf(300, 100, child, alive));
        Assert.Equal(-E.ESRCH, SessionModel.LeaderOf(400, 100, child, alive));
        Assert.Equal(E.EPERM, SessionModel.MoveError(0, 0, 100, child)); // a session leader cannot move
        Assert.Equal(E.EACCES, SessionModel.MoveError(200, 200, 100, child)); // the child has exec'd
        Assert.Equal(E.ESRCH, SessionModel.MoveError(300, 300, 100, child));
        Assert.Equal(E.EINVAL, SessionModel.MoveError(0, -1, 100, child));
    }

    [Fact]
    public void Hostname_is_cut_to_the_buffer_with_ENAMETOOLONG()
    {
        var name = Host("hostname");
        var buffer = new byte[256];
        fixed (byte* b = buffer)
        {
            Assert.Equal(0, SystemInfo.gethostname(b, 256));
            Assert.Equal(name, Marshal.PtrToStringUTF8((nint)b));
            buffer.AsSpan().Fill((byte)'#');
            Assert.Equal(-1, SystemInfo.gethostname(b, (nuint)name.Length)); // no room for the terminator
            Assert.Equal(E.ENAMETOOLONG, Errno);
            Assert.Equal(name, Encoding.UTF8.GetString(buffer, 0, name.Length));
            Assert.Equal((byte)'#', buffer[name.Length]);
        }
    }

    [Fact]
    public void Page_size_descriptor_limit_and_nice_are_the_hosts()
    {
        Assert.Equal(System.Environment.SystemPageSize, SystemInfo.getpagesize());
        var limits = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        Assert.Equal(limits.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], SystemInfo.getdtablesize().ToString());
        var now = SystemInfo.nice(0);
        Assert.Equal(now + 1, SystemInfo.nice(1));
        Assert.Equal(now + 1, SystemInfo.nice(0)); // Linux keeps it per thread: this one's
        Assert.Equal(now, SystemInfo.nice(-1)); // this host runs the tests as root, which may lower it again
    }

    [Fact]
    public void Root_only_calls_check_the_path_first()
    {
        fixed (byte* missing = Z(P("missing/dir")))
        {
            Assert.Equal(-1, SystemInfo.chroot(missing));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, SystemInfo.acct(missing));
            Assert.Equal(E.ENOENT, Errno);
        }
        File.WriteAllText(P("file"), "x");
        fixed (byte* file = Z(P("file")))
        {
            Assert.Equal(-1, SystemInfo.chroot(file));
            Assert.Equal(E.ENOTDIR, Errno);
        }
    }

    [Fact]
    public void Getlogin_r_agrees_with_getlogin_and_reports_a_short_buffer()
    {
        var name = Str(SystemInfo.getlogin());
        var buffer = new byte[256];
        fixed (byte* b = buffer)
        {
            var result = SystemInfo.getlogin_r(b, 256);
            if (name is null)
            {
                Assert.NotEqual(0, result); // no login on this terminal: the same error number, errno untouched
                return;
            }
            Assert.Equal(0, result);
            Assert.Equal(name, Str(b));
            Assert.Equal(E.ERANGE, SystemInfo.getlogin_r(b, (nuint)name.Length));
        }
    }
}
