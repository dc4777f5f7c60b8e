using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Support;
using Env = ApiBridge.Shims.Posix.Libc.Environment;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>getpid, kill, posix_spawn, waitpid; getenv, setenv, unsetenv; getuid.</summary>
public sealed unsafe class ProcessAndEnvironmentTests : PosixTest
{
    [Fact]
    public void Getpid_IsTheRuntimesProcessId_GetppidIsPositive()
    {
        Assert.Equal(Environment.ProcessId, Proc.getpid());
        Assert.True(Proc.getppid() > 0);
        Assert.NotEqual(Proc.getpid(), Proc.getppid());
    }

    [Fact]
    public void Kill_Signal0_ProbesExistence_BadSignalIsEINVAL()
    {
        Assert.Equal(0, Proc.kill(Environment.ProcessId, 0));
        Assert.Equal(-1, Proc.kill(int.MaxValue - 7, 0));
        Assert.Equal(3, Errno);
        Assert.Equal(-1, Proc.kill(Environment.ProcessId, 65));
        Assert.Equal(22, Errno);
    }

    private static int Spawn(string path, string[] argv, out int pid, bool search = false)
    {
        var strings = argv.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToList();
        var array = new nint[argv.Length + 1];
        strings.CopyTo(array);
        try
        {
            fixed (byte* p = Z(path)) fixed (nint* a = array) fixed (int* id = &pid)
                return search ? Proc.posix_spawnp(id, p, null, null, (byte**)a, null) : Proc.posix_spawn(id, p, null, null, (byte**)a, null);
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    [Fact]
    public void PosixSpawn_ThenWaitpid_GivesTheExitCodeInTheStatus()
    {
        Assert.Equal(0, Spawn("/bin/sh", ["sh", "-c", "exit 3"], out var pid));
        Assert.True(pid > 0);
        int status;
        Assert.Equal(pid, Proc.waitpid(pid, &status, 0));
        Assert.Equal(3 << 8, status);
        Assert.Equal(-1, Proc.waitpid(pid, &status, 0));
        Assert.Equal(10, Errno); // ECHILD: already reaped
    }

    [Fact]
    public void PosixSpawnp_SearchesPath_WaitpidAnyChild_WNOHANG()
    {
        Assert.Equal(0, Spawn("sh", ["sh", "-c", "sleep 0.3; exit 300"], out var pid, search: true));
        int status = -1;
        Assert.Equal(0, Proc.waitpid(-1, &status, Proc.WNOHANG));
        Assert.Equal(pid, Proc.waitpid(-1, &status, 0));
        Assert.Equal((300 & 0xFF) << 8, status);
    }

    [Fact]
    public void PosixSpawn_MissingProgram_ReturnsENOENT_ErrnoUntouched()
    {
        ApiBridge.Runtime.LastError.Set(0);
        Assert.Equal(2, Spawn(P("no-such-program"), ["x"], out _));
        Assert.Equal(0, Errno);
    }

    [Fact]
    public void Kill_SIGKILL_ThenWaitpid_ReportsTheSignal()
    {
        Assert.Equal(0, Spawn("/bin/sh", ["sh", "-c", "sleep 30"], out var pid));
        Assert.Equal(0, Proc.kill(pid, Proc.SIGKILL));
        int status;
        Assert.Equal(pid, Proc.waitpid(pid, &status, 0));
        Assert.Equal(9, status & 0x7F); // WIFSIGNALED, WTERMSIG 9
    }

    [Fact]
    public void Waitpid_NoChildrenIsECHILD_BadOptionsIsEINVAL()
    {
        int status;
        Assert.Equal(-1, Proc.waitpid(-1, &status, 0));
        Assert.Equal(10, Errno);
        Assert.Equal(-1, Proc.waitpid(-1, &status, 0x100));
        Assert.Equal(22, Errno);
    }

    private static string? Getenv(string name)
    {
        fixed (byte* n = Z(name)) return Str(Env.getenv(n));
    }

    private static int Setenv(string name, string value, int overwrite)
    {
        fixed (byte* n = Z(name)) fixed (byte* v = Z(value)) return Env.setenv(n, v, overwrite);
    }

    private static int Unsetenv(string name)
    {
        fixed (byte* n = Z(name)) return Env.unsetenv(n);
    }

    [Fact]
    public void Setenv_Getenv_Unsetenv_FollowTheManPages()
    {
        const string name = "APIBRIDGE_POSIX_TEST_VAR";
        Unsetenv(name);
        Assert.Null(Getenv(name));
        Assert.Equal(0, Setenv(name, "one", 1));
        Assert.Equal("one", Getenv(name));
        Assert.Equal("one", Environment.GetEnvironmentVariable(name));
        Assert.Equal(0, Setenv(name, "two", 0)); // overwrite 0 keeps the value and succeeds
        Assert.Equal("one", Getenv(name));
        Assert.Equal(-1, Setenv("A=B", "x", 1));
        Assert.Equal(22, Errno);
        Assert.Equal(-1, Setenv("", "x", 1));
        Assert.Equal(22, Errno);
        Assert.Equal(0, Unsetenv(name));
        Assert.Null(Getenv(name));
        Assert.Equal(0, Unsetenv(name)); // missing is fine
        Assert.Equal(-1, Unsetenv("A=B"));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void Getenv_PointersStayValidAfterTheVariableChanges()
    {
        const string name = "APIBRIDGE_POSIX_TEST_PTR";
        Setenv(name, "first", 1);
        byte* first;
        fixed (byte* n = Z(name)) first = Env.getenv(n);
        Setenv(name, "second", 1);
        Assert.Equal("first", Str(first));
        Assert.Equal("second", Getenv(name));
        Unsetenv(name);
    }

    [Fact]
    public void Ids_OnLinuxAreTheHostsOwn_InjectedOnesAreReported()
    {
        if (OperatingSystem.IsLinux())
            Assert.Equal(uint.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]), Env.getuid());
        Use(PosixPathView.Identity(), identity: new PosixIdentity(PosixIdentity.WindowsHostUid, PosixIdentity.WindowsHostUid, PosixIdentity.WindowsHostGid, PosixIdentity.WindowsHostGid));
        Assert.Equal(1000u, Env.getuid());
        Assert.Equal(1000u, Env.geteuid());
        Assert.Equal(1000u, Env.getgid());
        Assert.Equal(1000u, Env.getegid());
    }
}
