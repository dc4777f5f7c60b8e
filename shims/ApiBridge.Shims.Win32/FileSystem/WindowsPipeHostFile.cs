using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Processes;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// One end of an anonymous pipe on a Windows host: the host's own pipe handle, read and written with the host's
/// ReadFile/WriteFile, so the Win32 results are Windows' own (ERROR_BROKEN_PIPE once every writer is gone,
/// ERROR_NO_DATA writing to a pipe nobody reads). Pipes have no file pointer: positioned transfers are plain ones.
/// The handle value the guest sees is the host's, so a child started with it as a standard handle gets this pipe.
/// </summary>
internal sealed unsafe class WindowsPipeHostFile(SafeFileHandle handle) : HostFile
{
    public override nint Value => handle.DangerousGetHandle();

    // The SafeHandle argument holds a reference for the call, so a CloseHandle racing a ReadFile never frees the
    // handle under it; a closed one throws before the call.
    public override long Read(byte* buffer, int count, bool untilFull)
    {
        uint read;
        try
        {
            return WindowsProcessApi.ReadFile(handle, buffer, (uint)count, &read, null) != 0 ? read : -Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException)
        {
            return -Win32Error.ERROR_INVALID_HANDLE;
        }
    }

    public override long Write(byte* buffer, int count)
    {
        uint written;
        try
        {
            return WindowsProcessApi.WriteFile(handle, buffer, (uint)count, &written, null) != 0 ? written : -Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException)
        {
            return -Win32Error.ERROR_INVALID_HANDLE;
        }
    }

    public override long ReadAt(byte* buffer, int count, long offset) => Read(buffer, count, untilFull: false);

    public override long WriteAt(byte* buffer, int count, long offset) => Write(buffer, count);

    public override long Seek(long offset, int whence) => -Win32Error.ERROR_INVALID_FUNCTION;

    public override int SetLength(long length) => Win32Error.ERROR_INVALID_FUNCTION;

    // FlushFileBuffers on a pipe waits until the reader has taken everything: nothing a guest's flush should block on.
    public override int Flush() => 0;

    public override int Stat(out HostStat stat)
    {
        stat = new HostStat(Posix.S_IFIFO, 0, (ulong)Value, 0, 1, 0, 0, 0, 0);
        return 0;
    }

    public override int SetTimes(long? accessTime, long? writeTime) => Win32Error.ERROR_INVALID_FUNCTION;

    /// <summary>PeekNamedPipe on the host pipe: 0 or the Win32 error.</summary>
    public int Peek(byte* buffer, uint bufferSize, uint* bytesRead, uint* totalBytesAvailable, uint* bytesLeftThisMessage)
    {
        try
        {
            return WindowsProcessApi.PeekNamedPipe(handle, buffer, bufferSize, bytesRead, totalBytesAvailable, bytesLeftThisMessage) != 0
                ? 0
                : Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException)
        {
            return Win32Error.ERROR_INVALID_HANDLE;
        }
    }

    public override void Close() => handle.Dispose();

    public override void Abandon() => handle.SetHandleAsInvalid();

    public override bool IsStale(ShareTable.FileKey key) => handle.IsClosed;
}
