using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>The error modes as a .NET program under wine64 sees them (printed by a win-x64 probe; the expected values are Wine's).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ErrorModeTests : IDisposable
{
    [Fact]
    public void The_process_mode_is_stored_as_given_and_the_previous_one_returned()
    {
        ErrorModes.SetErrorMode(0);
        Assert.Equal(0u, ErrorModes.SetErrorMode(3));
        Assert.Equal(3u, ErrorModes.GetErrorMode());
        Assert.Equal(3u, ErrorModes.SetErrorMode(ErrorModes.SEM_NOALIGNMENTFAULTEXCEPT));
        Assert.Equal(4u, ErrorModes.SetErrorMode(0)); // not sticky under Wine
        Assert.Equal(0u, ErrorModes.GetErrorMode());
        ErrorModes.SetErrorMode(0xFFFF);
        Assert.Equal(0xFFFFu, ErrorModes.GetErrorMode());
    }

    [Fact]
    public void The_thread_mode_takes_only_its_three_flags_and_is_per_thread()
    {
        ErrorModes.SetErrorMode(0);
        uint old = 0xDEAD;
        Assert.Equal(1, ErrorModes.SetThreadErrorMode(0x8001, &old));
        Assert.Equal(0u, old);
        Assert.Equal(0x8001u, ErrorModes.GetThreadErrorMode());

        old = 0xDEAD;
        LastError.Set(0);
        Assert.Equal(0, ErrorModes.SetThreadErrorMode(ErrorModes.SEM_NOALIGNMENTFAULTEXCEPT, &old));
        Assert.Equal(87, LastError.Value);
        Assert.Equal(0xDEADu, old); // left alone on failure
        Assert.Equal(0x8001u, ErrorModes.GetThreadErrorMode());

        Assert.Equal(1, ErrorModes.SetThreadErrorMode(ErrorModes.SEM_NOGPFAULTERRORBOX, &old));
        Assert.Equal(0x8001u, old);
        uint other = 99;
        var thread = new Thread(() => other = ErrorModes.GetThreadErrorMode());
        thread.Start();
        thread.Join();
        Assert.Equal(0u, other);
        Assert.Equal(0u, ErrorModes.GetErrorMode()); // the process mode is separate from the thread's
        ErrorModes.SetThreadErrorMode(0, null);
    }

    public void Dispose() => ErrorModes.SetErrorMode(0);
}
