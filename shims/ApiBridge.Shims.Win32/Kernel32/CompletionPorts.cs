using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Sync;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// I/O completion ports as packet queues (<see cref="CompletionPort"/>): CreateIoCompletionPort with
/// INVALID_HANDLE_VALUE, PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex). The bridge completes file I/O
/// before ReadFile/WriteFile return and posts no packet for it, so associating a file handle with a port is refused
/// with ERROR_NOT_SUPPORTED rather than leaving the guest waiting for packets that never come.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class CompletionPorts
{
    public const int WAIT_TIMEOUT = 258, ERROR_ABANDONED_WAIT_0 = 735;
    public const uint INFINITE = 0xFFFFFFFF;

    /// <summary>OVERLAPPED_ENTRY (x64, 32 bytes).</summary>
    public struct OVERLAPPED_ENTRY
    {
        public nint lpCompletionKey;
        public nint lpOverlapped;
        public nint Internal;
        public uint dwNumberOfBytesTransferred;
    }

    /// <summary>
    /// HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey, DWORD
    /// NumberOfConcurrentThreads) — with INVALID_HANDLE_VALUE and no existing port: a new port (close it with
    /// CloseHandle); INVALID_HANDLE_VALUE with a port: ERROR_INVALID_PARAMETER; a file: see the class.
    /// </summary>
    [ShimExport("CreateIoCompletionPort")]
    public static nint CreateIoCompletionPort(nint fileHandle, nint existingCompletionPort, nint completionKey, uint numberOfConcurrentThreads)
    {
        if (fileHandle == -1)
        {
            if (existingCompletionPort != 0)
                return Fail(Win32Error.ERROR_INVALID_PARAMETER);
            return Bridge.Handles.Add(new CompletionPort());
        }
        if (!Bridge.Handles.TryGet<object>(fileHandle, out _))
            return Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (existingCompletionPort != 0 && !Bridge.Handles.TryGet<CompletionPort>(existingCompletionPort, out _))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        return Fail(Win32Error.ERROR_NOT_SUPPORTED);
    }

    /// <summary>BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred, ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)</summary>
    [ShimExport("PostQueuedCompletionStatus")]
    public static int PostQueuedCompletionStatus(nint completionPort, uint bytes, nint key, nint overlapped)
    {
        if (!Bridge.Handles.TryGet<CompletionPort>(completionPort, out var port))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        port.Post(new CompletionPort.Packet(bytes, key, overlapped));
        return 1;
    }

    /// <summary>
    /// BOOL GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred, PULONG_PTR
    /// lpCompletionKey, LPOVERLAPPED *lpOverlapped, DWORD dwMilliseconds) — the oldest packet; none in time: FALSE with
    /// *lpOverlapped NULL and WAIT_TIMEOUT; the port closed meanwhile: ERROR_ABANDONED_WAIT_0.
    /// </summary>
    [ShimExport("GetQueuedCompletionStatus")]
    public static int GetQueuedCompletionStatus(nint completionPort, uint* bytes, nint* key, nint* overlapped, uint milliseconds)
    {
        if (!Bridge.Handles.TryGet<CompletionPort>(completionPort, out var port))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (bytes == null || key == null || overlapped == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var taken = port.Take(Timeout(milliseconds), out var packet);
        if (taken != true)
        {
            *overlapped = 0;
            return FileShim.Fail(taken is null ? ERROR_ABANDONED_WAIT_0 : WAIT_TIMEOUT);
        }
        (*bytes, *key, *overlapped) = (packet.Bytes, packet.Key, packet.Overlapped);
        return 1;
    }

    /// <summary>
    /// BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG
    /// ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable) — waits for one packet, then takes
    /// up to ulCount of those queued; ulCount 0: ERROR_INVALID_PARAMETER; none in time: WAIT_TIMEOUT with 0 removed.
    /// </summary>
    [ShimExport("GetQueuedCompletionStatusEx")]
    public static int GetQueuedCompletionStatusEx(nint completionPort, OVERLAPPED_ENTRY* entries, uint count, uint* removed,
        uint milliseconds, int alertable)
    {
        if (!Bridge.Handles.TryGet<CompletionPort>(completionPort, out var port))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (count == 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (entries == null || removed == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *removed = 0;
        var taken = port.Take(Timeout(milliseconds), out var first);
        if (taken != true)
            return FileShim.Fail(taken is null ? ERROR_ABANDONED_WAIT_0 : WAIT_TIMEOUT);
        var packets = new CompletionPort.Packet[(int)Math.Min(count, 1024)];
        packets[0] = first;
        var total = 1 + port.TakeMore(packets.AsSpan(1));
        for (var i = 0; i < total; i++)
            entries[i] = new OVERLAPPED_ENTRY { lpCompletionKey = packets[i].Key, lpOverlapped = packets[i].Overlapped, dwNumberOfBytesTransferred = packets[i].Bytes };
        *removed = (uint)total;
        return 1;
    }

    private static int Timeout(uint milliseconds) => milliseconds == INFINITE ? System.Threading.Timeout.Infinite : (int)Math.Min(milliseconds, int.MaxValue);

    private static nint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
