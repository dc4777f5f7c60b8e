using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.ConsoleTests;

/// <summary>
/// SetConsoleCtrlHandler's list and the delivery of control events: newest handler first until one returns TRUE, then
/// the default handler (STATUS_CONTROL_C_EXIT); (NULL, TRUE) ignores Ctrl+C but not Ctrl+Break; removing a handler
/// that is not registered is ERROR_INVALID_PARAMETER (Wine answers the same). A real SIGINT reaches the handlers.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ConsoleControlTests : IDisposable
{
    private static readonly List<string> Calls = [];
    private static readonly ManualResetEventSlim Signalled = new();

    private readonly List<uint> defaults = [];

    public ConsoleControlTests()
    {
        ConsoleControl.Reset();
        Calls.Clear();
        ConsoleControl.DefaultHandler = type => defaults.Add(type);
    }

    [UnmanagedCallersOnly]
    private static int Declines(uint type)
    {
        Calls.Add("declines " + type);
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int Handles(uint type)
    {
        Calls.Add("handles " + type);
        Signalled.Set();
        return 1;
    }

    private static nint DeclinesPointer => (nint)(delegate* unmanaged<uint, int>)&Declines;
    private static nint HandlesPointer => (nint)(delegate* unmanaged<uint, int>)&Handles;

    [Fact]
    public void The_newest_handler_runs_first_and_one_returning_TRUE_ends_the_search()
    {
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(HandlesPointer, 1));
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));
        ConsoleControl.Dispatch(ConsoleControl.CTRL_C_EVENT);
        Assert.Equal(["declines 0", "handles 0"], Calls);
        Assert.Empty(defaults);

        Calls.Clear();
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));   // added again: newest again
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(HandlesPointer, 1));
        ConsoleControl.Dispatch(ConsoleControl.CTRL_BREAK_EVENT);
        Assert.Equal(["handles 1"], Calls);
    }

    [Fact]
    public void When_every_handler_declines_the_default_handler_ends_the_process()
    {
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));
        ConsoleControl.Dispatch(ConsoleControl.CTRL_C_EVENT);
        Assert.Equal(["declines 0"], Calls);
        Assert.Equal([ConsoleControl.CTRL_C_EVENT], defaults);
        Assert.Equal(0xC000013Au, ConsoleControl.STATUS_CONTROL_C_EXIT);
    }

    [Fact]
    public void NULL_TRUE_ignores_Ctrl_C_but_not_Ctrl_Break_and_NULL_FALSE_restores_it()
    {
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(0, 1));
        ConsoleControl.Dispatch(ConsoleControl.CTRL_C_EVENT);
        Assert.Empty(Calls);
        Assert.Empty(defaults);
        ConsoleControl.Dispatch(ConsoleControl.CTRL_BREAK_EVENT);
        Assert.Equal(["declines 1"], Calls);
        Assert.Equal([ConsoleControl.CTRL_BREAK_EVENT], defaults);

        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(0, 0));
        ConsoleControl.Dispatch(ConsoleControl.CTRL_C_EVENT);
        Assert.Equal(["declines 1", "declines 0"], Calls);
    }

    [Fact]
    public void Removing_takes_one_registration_and_an_unknown_handler_is_ERROR_INVALID_PARAMETER()
    {
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 1));
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 0));
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 0));
        LastError.Set(0);
        Assert.Equal(0, ConsoleControl.SetConsoleCtrlHandler(DeclinesPointer, 0));
        Assert.Equal(87, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0, ConsoleControl.SetConsoleCtrlHandler(HandlesPointer, 0));
        Assert.Equal(87, LastError.Value);
        ConsoleControl.Dispatch(ConsoleControl.CTRL_C_EVENT);
        Assert.Empty(Calls);
        Assert.Single(defaults);
    }

    [DllImport("libc.so.6")]
    private static extern int kill(int pid, int signal);

    [Fact]
    public void A_host_SIGINT_is_delivered_to_the_handlers_as_CTRL_C_EVENT()
    {
        Signalled.Reset();
        Assert.Equal(1, ConsoleControl.SetConsoleCtrlHandler(HandlesPointer, 1));
        Assert.Equal(0, kill(Environment.ProcessId, 2));
        Assert.True(Signalled.Wait(TimeSpan.FromSeconds(10)), "the handler was not called");
        Assert.Contains("handles 0", Calls);
        Assert.Empty(defaults);
    }

    public void Dispose()
    {
        ConsoleControl.Reset();
        ConsoleControl.DefaultHandler = _ => ProcessBasics.ExitProcess(ConsoleControl.STATUS_CONTROL_C_EXIT);
    }
}
