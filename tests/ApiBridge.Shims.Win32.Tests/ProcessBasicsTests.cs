using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Process identity, pseudo-handles, ExitProcess and the command line.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ProcessBasicsTests : BridgeTest
{
    [Fact]
    public void IdentityComesFromTheEnvironmentService()
    {
        Use(new FakeEnvironment("/app/guest.dll") { ProcessId = 4242, CurrentThreadId = 77 });
        Assert.Equal(4242U, ProcessBasics.GetCurrentProcessId());
        Assert.Equal(77U, ProcessBasics.GetCurrentThreadId());
    }

    [Fact]
    public void RealProcessIdIsTheRuntimesAndThreadIdsDifferPerThread()
    {
        Assert.Equal((uint)Environment.ProcessId, ProcessBasics.GetCurrentProcessId());
        var mine = ProcessBasics.GetCurrentThreadId();
        Assert.NotEqual(0U, mine);
        Assert.Equal(mine, ProcessBasics.GetCurrentThreadId());
        uint other = 0;
        var thread = new Thread(() => other = ProcessBasics.GetCurrentThreadId());
        thread.Start();
        thread.Join();
        Assert.NotEqual(0U, other);
        Assert.NotEqual(mine, other);
    }

    [Fact]
    public void PseudoHandlesAreMinusOneAndMinusTwo()
    {
        Assert.Equal((IntPtr)(-1), ProcessBasics.GetCurrentProcess());
        Assert.Equal((IntPtr)(-2), ProcessBasics.GetCurrentThread());
    }

    [Fact]
    public void ExitProcessEndsThroughTheEnvironmentWithTheCode()
    {
        var environment = new FakeEnvironment("/app/guest.dll");
        Use(environment);
        ProcessBasics.ExitProcess(7);
        ProcessBasics.ExitProcess(0xFFFFFFFF);
        Assert.Equal(new[] { 7, -1 }, environment.Exits);
    }

    [Fact]
    public void GetCommandLineWShowsTheGuestAsAWindowsProgramWithQuotedArguments()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll", "one", "two words", "", "say \"hi\"", @"C:\dir\"));
        var line = new string(CommandLine.GetCommandLineW());
        Assert.Equal(@"""Z:\opt\app\Guest.exe"" one ""two words"" """" ""say \""hi\"""" C:\dir\", line);
        Assert.Equal(new[] { @"Z:\opt\app\Guest.exe", "one", "two words", "", "say \"hi\"", @"C:\dir\" }, WindowsCommandLine.Parse(line));
        Assert.Equal(line, Marshal.PtrToStringUTF8((nint)CommandLine.GetCommandLineA()));
    }

    [Fact]
    public void GetCommandLineReturnsTheSameProcessLifetimeBufferEachTime()
    {
        Use(new FakeEnvironment("/opt/app/Guest.dll", "x"));
        var first = CommandLine.GetCommandLineW();
        var firstA = CommandLine.GetCommandLineA();
        Assert.True(first == CommandLine.GetCommandLineW());
        Assert.True(firstA == CommandLine.GetCommandLineA());

        // A replaced environment gets its own line; the old buffer stays valid for whoever still holds it.
        Use(new FakeEnvironment("/opt/other/Other.dll"));
        Assert.Equal(@"""Z:\opt\other\Other.exe""", new string(CommandLine.GetCommandLineW()));
        Assert.Equal(@"""Z:\opt\app\Guest.exe"" x", new string(first));
    }

    [Fact]
    public void GetCommandLineWithUnicodeArgumentsIsUtf8InTheAnsiVersion()
    {
        Use(new FakeEnvironment("/app/g.dll", "w\u00f6rld"));
        Assert.Equal("\"Z:\\app\\g.exe\" w\u00f6rld", new string(CommandLine.GetCommandLineW()));
        Assert.Equal("\"Z:\\app\\g.exe\" w\u00f6rld", Marshal.PtrToStringUTF8((nint)CommandLine.GetCommandLineA()));
    }
}
