using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Anonymous pipes. On a Linux host CreatePipe makes a host pipe (pipe2, close-on-exec); on a Windows host the host's
/// own anonymous pipe (not inheritable: a child gets an end only as a standard handle). Its two ends are file
/// handles like any other (their values are the host descriptors or handles, GetFileType says FILE_TYPE_PIPE), so
/// ReadFile, WriteFile, CloseHandle and STARTF_USESTDHANDLES work on them (DuplicateHandle on a Linux host):
/// ReadFile of an empty pipe whose writers are all closed is FALSE with ERROR_BROKEN_PIPE. PeekNamedPipe reports
/// what is waiting without consuming it.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Pipes
{
    /// <summary>
    /// BOOL CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe, LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize) —
    /// nSize is a hint (the host pipe keeps its own size); the inherit flag is recorded for GetHandleInformation.
    /// </summary>
    [ShimExport("CreatePipe")]
    public static int CreatePipe(nint* readPipe, nint* writePipe, SECURITY_ATTRIBUTES* pipeAttributes, uint size)
    {
        if (readPipe == null || writePipe == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        HostFile readEnd, writeEnd;
        if (Posix.Available)
        {
            var error = LinuxProcessApi.CreatePipe(out var readFd, out var writeFd);
            if (error != 0)
                return FileShim.Fail(HostErrors.FromErrno(-error));
            (readEnd, writeEnd) = (new PosixHostFile(readFd), new PosixHostFile(writeFd));
        }
        else if (OperatingSystem.IsWindows())
        {
            if (WindowsProcessApi.CreatePipe(out var readHandle, out var writeHandle, null, size) == 0)
                return FileShim.Fail(Marshal.GetLastPInvokeError());
            (readEnd, writeEnd) = (new WindowsPipeHostFile(new SafeFileHandle(readHandle, ownsHandle: true)),
                new WindowsPipeHostFile(new SafeFileHandle(writeHandle, ownsHandle: true)));
        }
        else
        {
            return FileShim.Fail(Win32Error.ERROR_NOT_SUPPORTED);
        }
        var reader = OpenFile.Register(new OpenFile(readEnd, FileKind.Pipe, FileAccessRights.FILE_GENERIC_READ, "pipe:[" + readEnd.Value + "]", null));
        var writer = OpenFile.Register(new OpenFile(writeEnd, FileKind.Pipe, FileAccessRights.FILE_GENERIC_WRITE, "pipe:[" + writeEnd.Value + "]", null));
        if (pipeAttributes != null && pipeAttributes->bInheritHandle != 0)
        {
            HandleDuplication.SetInherit(reader, true);
            HandleDuplication.SetInherit(writer, true);
        }
        *readPipe = reader;
        *writePipe = writer;
        return 1;
    }

    /// <summary>
    /// BOOL PeekNamedPipe(HANDLE hNamedPipe, LPVOID lpBuffer, DWORD nBufferSize, LPDWORD lpBytesRead,
    /// LPDWORD lpTotalBytesAvail, LPDWORD lpBytesLeftThisMessage) — copies up to nBufferSize waiting bytes without
    /// consuming them; an empty pipe whose writers are gone is FALSE with ERROR_BROKEN_PIPE; a handle that is not a
    /// pipe: ERROR_INVALID_FUNCTION (1); not a handle: ERROR_INVALID_HANDLE. Byte-mode pipes leave 0 in the message count.
    /// </summary>
    [ShimExport("PeekNamedPipe")]
    public static int PeekNamedPipe(nint namedPipe, byte* buffer, uint bufferSize, uint* bytesRead, uint* totalBytesAvailable,
        uint* bytesLeftThisMessage)
    {
        if (!FileShim.TryGetFile(namedPipe, out var file))
            return 0;
        if (file.Kind == FileKind.Pipe && file.Host is WindowsPipeHostFile hostPipe)
        {
            var peekError = hostPipe.Peek(buffer, bufferSize, bytesRead, totalBytesAvailable, bytesLeftThisMessage);
            return peekError == 0 ? 1 : FileShim.Fail(peekError);
        }
        if (file.Kind != FileKind.Pipe || !Posix.Available)
            return FileShim.Fail(Win32Error.ERROR_INVALID_FUNCTION);
        var fd = (int)file.Value;
        var available = LinuxProcessApi.BytesAvailable(fd);
        if (available < 0)
            return FileShim.Fail(HostErrors.FromErrno(-available));
        if (available == 0 && file.CanRead && LinuxProcessApi.WriterGone(fd))
            return FileShim.Fail(Win32Error.ERROR_BROKEN_PIPE);
        long copied = 0;
        if (buffer != null && bufferSize > 0 && available > 0)
        {
            copied = LinuxProcessApi.Peek(fd, buffer, (int)Math.Min(bufferSize, (uint)available));
            if (copied < 0)
                return FileShim.Fail(HostErrors.FromErrno((int)-copied));
        }
        if (bytesRead != null)
            *bytesRead = (uint)copied;
        if (totalBytesAvailable != null)
            *totalBytesAvailable = (uint)available;
        if (bytesLeftThisMessage != null)
            *bytesLeftThisMessage = 0;
        return 1;
    }
}
