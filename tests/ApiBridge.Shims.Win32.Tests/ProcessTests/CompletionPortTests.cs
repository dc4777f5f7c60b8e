using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>Completion ports as packet queues: order, timeouts, the Ex form, closing under a waiter, files refused.</summary>
public sealed unsafe class CompletionPortTests : ProcessTest
{
    [Fact]
    public void Packets_come_out_in_order_and_an_empty_port_times_out()
    {
        var port = CompletionPorts.CreateIoCompletionPort(-1, 0, 0, 0);
        Assert.NotEqual(0, port);
        Assert.Equal(1, CompletionPorts.PostQueuedCompletionStatus(port, 10, 1, 0x100));
        Assert.Equal(1, CompletionPorts.PostQueuedCompletionStatus(port, 20, 2, 0));
        uint bytes;
        nint key, overlapped;
        Assert.Equal(1, CompletionPorts.GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0));
        Assert.Equal((10u, (nint)1, (nint)0x100), (bytes, key, overlapped));
        Assert.Equal(1, CompletionPorts.GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0));
        Assert.Equal((20u, (nint)2, (nint)0), (bytes, key, overlapped)); // a NULL OVERLAPPED is a packet too
        overlapped = 0x55;
        Clear();
        Assert.Equal(0, CompletionPorts.GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 30));
        Assert.Equal(CompletionPorts.WAIT_TIMEOUT, Err);
        Assert.Equal(0, overlapped);

        for (uint i = 0; i < 3; i++)
            CompletionPorts.PostQueuedCompletionStatus(port, i, (nint)i, 0);
        var entries = stackalloc CompletionPorts.OVERLAPPED_ENTRY[2];
        uint removed;
        Assert.Equal(1, CompletionPorts.GetQueuedCompletionStatusEx(port, entries, 2, &removed, 0, 0));
        Assert.Equal(2u, removed);
        Assert.Equal((0u, 1u), (entries[0].dwNumberOfBytesTransferred, entries[1].dwNumberOfBytesTransferred));
        Assert.Equal(1, CompletionPorts.GetQueuedCompletionStatusEx(port, entries, 2, &removed, 0, 0));
        Assert.Equal(1u, removed);
        Assert.Equal(0, CompletionPorts.GetQueuedCompletionStatusEx(port, entries, 2, &removed, 10, 0));
        Assert.Equal(CompletionPorts.WAIT_TIMEOUT, Err);
        Assert.Equal(0, CompletionPorts.GetQueuedCompletionStatusEx(port, entries, 0, &removed, 0, 0));
        Assert.Equal(87, Err);
        Assert.True(FileHandles.CloseHandle(port) != 0);
        Clear();
        Assert.Equal(0, CompletionPorts.PostQueuedCompletionStatus(port, 1, 1, 0));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void A_waiter_wakes_for_a_post_from_another_thread_and_fails_when_the_port_closes()
    {
        var port = CompletionPorts.CreateIoCompletionPort(-1, 0, 0, 0);
        var poster = new Thread(() => { Thread.Sleep(50); CompletionPorts.PostQueuedCompletionStatus(port, 7, 7, 0); });
        poster.Start();
        uint bytes;
        nint key, overlapped;
        Assert.Equal(1, CompletionPorts.GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, CompletionPorts.INFINITE));
        Assert.Equal(7u, bytes);
        poster.Join();

        var error = 0;
        var result = -1;
        var waiter = new Thread(() =>
        {
            uint b;
            nint k, o;
            result = CompletionPorts.GetQueuedCompletionStatus(port, &b, &k, &o, CompletionPorts.INFINITE);
            error = ApiBridge.Runtime.LastError.Value;
        });
        waiter.Start();
        Thread.Sleep(50);
        FileHandles.CloseHandle(port);
        Assert.True(waiter.Join(5000));
        Assert.Equal((0, CompletionPorts.ERROR_ABANDONED_WAIT_0), (result, error));
    }

    [Fact]
    public void File_handles_are_not_associated()
    {
        var file = Create(@"C:\work\f.txt", GENERIC_READ, SHARE_ALL, CREATE_ALWAYS);
        Clear();
        Assert.Equal(0, CompletionPorts.CreateIoCompletionPort(file, 0, 1, 0));
        Assert.Equal(50, Err); // ERROR_NOT_SUPPORTED
        Assert.Equal(0, CompletionPorts.CreateIoCompletionPort(-1, file, 1, 0));
        Assert.Equal(87, Err);
        Close(file);
    }
}
