using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using Pw = ApiBridge.Shims.Posix.Libc.Passwords;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>getpwnam(3)/getpwuid(3) and the _r forms: the host's /etc/passwd on Linux, the guest's own user on a Windows host's view.</summary>
public sealed unsafe class PasswordTests : PosixTest
{
    [DllImport("libc")] private static extern Pw.Passwd* getpwuid(uint uid);

    private static string[] Fields(Pw.Passwd* p) =>
        [Str(p->pw_name)!, Str(p->pw_passwd)!, p->pw_uid.ToString(), p->pw_gid.ToString(), Str(p->pw_gecos)!, Str(p->pw_dir)!, Str(p->pw_shell)!];

    [Fact]
    public void Every_user_of_the_hosts_file_reads_as_glibc_reads_it()
    {
        foreach (var line in File.ReadLines("/etc/passwd").Select(l => l.Split(':')).Where(f => f.Length == 7).Take(20))
        {
            var uid = uint.Parse(line[2]);
            var host = Fields(getpwuid(uid));
            Assert.Equal(host, Fields(Pw.getpwuid(uid)));
            fixed (byte* name = Z(line[0]))
                Assert.Equal(Fields(Pw.getpwnam(name)), Fields(Pw.getpwuid(uint.Parse(Fields(Pw.getpwnam(name))[2]))));
        }
    }

    [Fact]
    public void The_r_forms_fill_the_callers_buffer_say_ERANGE_when_short_and_NULL_for_no_such_user()
    {
        Pw.Passwd pwd;
        Pw.Passwd* result = (Pw.Passwd*)1;
        var buffer = stackalloc byte[1024];
        Assert.Equal(0, Pw.getpwuid_r(0, &pwd, buffer, 1024, &result));
        Assert.True(result == &pwd);
        Assert.Equal("root", Str(pwd.pw_name));
        Assert.True(pwd.pw_name >= buffer && pwd.pw_shell < buffer + 1024); // the strings live in the caller's buffer
        Assert.Equal(E.ERANGE, Pw.getpwuid_r(0, &pwd, buffer, 4, &result));
        Assert.True(result == null);
        fixed (byte* missing = Z("no-such-user-here"))
        {
            result = (Pw.Passwd*)1;
            Assert.Equal(0, Pw.getpwnam_r(missing, &pwd, buffer, 1024, &result));
            Assert.True(result == null);
            Assert.True(Pw.getpwnam(missing) == null);
        }
        Assert.Equal(0, Errno); // no such user is no error
    }

    [Fact]
    public void A_Windows_hosts_view_without_a_passwd_file_knows_the_guests_own_user()
    {
        Directory.CreateDirectory(P("rootfs"));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/'),
            identity: new PosixIdentity(1000, 1000, 1000, 1000));
        var own = Pw.getpwuid(1000);
        Assert.True(own != null);
        Assert.Equal(["tester", "x", "1000", "1000", "", "/home/tester", "/bin/sh"], Fields(own));
        fixed (byte* name = Z("tester"))
            Assert.Equal(Fields(own), Fields(Pw.getpwnam(name)));
        Assert.True(Pw.getpwuid(0) == null); // no root in a view without /etc/passwd
    }
}
