using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>strerror, __xpg_strerror_r, sysconf, confstr and the machine's other names, against this host's glibc.</summary>
public sealed unsafe class ErrorAndConfigurationTests : PosixTest
{
    [Fact]
    public void Strerror_is_glibcs_text_for_every_number()
    {
        for (var n = -2; n <= 140; n++)
            Assert.Equal(Str(HostC.strerror(n)), Str(ErrorMessages.strerror(n)));
        // An unknown number's text lives in one buffer of the thread (so walking every int costs nothing), a known one stays.
        var known = ErrorMessages.strerror(2);
        Assert.True(ErrorMessages.strerror(200) == ErrorMessages.strerror(201));
        Assert.Equal("Unknown error 201", Str(ErrorMessages.strerror(201)));
        Assert.Equal("No such file or directory", Str(known));
    }

    [Fact]
    public void Xpg_strerror_r_returns_glibcs_numbers_and_cuts_as_it_does()
    {
        var ours = new byte[64];
        var theirs = new byte[64];
        foreach (var n in new[] { -1, 0, 2, 41, 58, 95, 133, 134, 500 })
        {
            foreach (var size in new nuint[] { 0, 1, 5, 64 })
            {
                ours.AsSpan().Fill(0xAA);
                theirs.AsSpan().Fill(0xAA);
                LastError.Set(0);
                fixed (byte* a = ours) fixed (byte* b = theirs)
                {
                    var expected = HostC.__xpg_strerror_r(n, b, size);
                    Assert.Equal(expected, ErrorMessages.__xpg_strerror_r(n, a, size));
                    if (expected != E.EINVAL) // an unknown number's buffer is unspecified
                        Assert.Equal(theirs, ours);
                }
                Assert.Equal(0, Errno); // the error is returned, never put in errno
            }
        }
    }

    [Fact]
    public void Sysconf_is_the_hosts_here_and_the_Windows_table_keeps_glibcs_constants()
    {
        Assert.Equal(HostC.sysconf(30), SystemConfiguration.sysconf(30));
        Assert.Equal(-1, SystemConfiguration.sysconf(41));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, SystemConfiguration.sysconf(-5));
        Assert.Equal(E.EINVAL, Errno);

        // Names whose answer depends on the machine (limits, memory, processors, caches) are the Windows host's own.
        var machine = new HashSet<int> { 0, 1, 4, 30, 34, 83, 84, 85, 86, 249, 250 };
        for (var name = 0; name <= 300; name++)
        {
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            var host = HostC.sysconf(name);
            var unknown = host == -1 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == E.EINVAL;
            var windows = SystemConfiguration.WindowsValue(name);
            Assert.True(unknown == (windows == long.MinValue), $"name {name}");
            if (!unknown && !machine.Contains(name) && name is < 185 or > 199)
                Assert.True(host == windows, $"name {name}: {host} vs {windows}");
        }
        Assert.Equal(System.Environment.ProcessorCount, SystemConfiguration.WindowsValue(84));
        Assert.Equal(1024, SystemConfiguration.WindowsValue(4));
        Assert.True(SystemConfiguration.WindowsValue(85) > SystemConfiguration.WindowsValue(86));
    }

    [Fact]
    public void Confstr_gives_the_length_and_cuts_the_copy()
    {
        for (var name = -1; name <= 8; name++)
        {
            var ours = new byte[8];
            var theirs = new byte[8];
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            LastError.Set(0);
            fixed (byte* a = ours) fixed (byte* b = theirs)
            {
                var expected = HostC.confstr(name, b, 8);
                Assert.Equal(expected, SystemConfiguration.confstr(name, a, 8));
                Assert.Equal(theirs, ours);
                if (expected == 0)
                    Assert.Equal(E.EINVAL, Errno);
                Assert.Equal(expected, SystemConfiguration.confstr(name, null, 0));
            }
        }
    }

    [Fact]
    public void Host_id_domain_and_user_names_are_glibcs()
    {
        Assert.Equal(HostC.gethostid(), SystemNames.gethostid());
        var ours = new byte[4];
        var theirs = new byte[4];
        fixed (byte* a = ours) fixed (byte* b = theirs)
        {
            Assert.Equal(HostC.getdomainname(b, 4), SystemNames.getdomainname(a, 4));
            Assert.Equal(theirs, ours);
        }
        Assert.Equal(Str(HostC.cuserid(null)), Str(SystemNames.cuserid(null)));
        var buffer = new byte[SystemNames.L_cuserid];
        fixed (byte* s = buffer)
            Assert.True(SystemNames.cuserid(s) == s);
        Assert.Equal(Str(HostC.cuserid(null)), Encoding.UTF8.GetString(buffer).TrimEnd('\0'));
    }

    [Fact]
    public void Setting_names_is_refused_without_changing_them()
    {
        var before = System.Net.Dns.GetHostName();
        fixed (byte* name = Z(new string('x', 65)))
        {
            // This test host runs with CAP_SYS_ADMIN, so the length is what is refused; a user without it hears EPERM.
            var privileged = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:")).Split('\t')[1] is var caps
                && (Convert.ToUInt64(caps, 16) & (1UL << 21)) != 0;
            Assert.Equal(-1, SystemNames.sethostname(name, 65));
            Assert.Equal(privileged ? E.EINVAL : E.EPERM, Errno);
            Assert.Equal(-1, SystemNames.setdomainname(name, 65));
            Assert.Equal(privileged ? E.EINVAL : E.EPERM, Errno);
            Assert.Equal(-1, SystemNames.setlogin(name));
            Assert.Equal(E.ENOSYS, Errno);
        }
        Assert.Equal(before, System.Net.Dns.GetHostName());
    }

    [Fact]
    public void Getusershell_walks_etc_shells_and_starts_over()
    {
        var expected = File.ReadLines("/etc/shells").Select(l => l.Trim()).Where(l => l.StartsWith('/')).ToList();
        SystemNames.setusershell();
        var listed = new List<string>();
        for (byte* shell; (shell = SystemNames.getusershell()) != null;)
            listed.Add(Str(shell)!);
        Assert.Equal(expected, listed);
        Assert.True(SystemNames.getusershell() == null);
        SystemNames.endusershell();
        Assert.Equal(expected[0], Str(SystemNames.getusershell()));
        SystemNames.endusershell();
    }
}
