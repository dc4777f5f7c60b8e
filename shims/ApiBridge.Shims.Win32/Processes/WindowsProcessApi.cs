using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// The host's own kernel32 on a Windows host, for what the process shims cannot do with .NET alone: start a program
/// with an exact command line and chosen standard handles (CreateProcessW), anonymous pipes, waits and exit codes of
/// a child, PeekNamedPipe. These are the real Windows functions (this assembly is never rewritten), called only when
/// <see cref="OperatingSystem.IsWindows"/>. Results are the Win32 ones; errors come from <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe class WindowsProcessApi
{
    private const string Kernel32 = "kernel32.dll";

    public const uint INFINITE = 0xFFFFFFFF, WAIT_OBJECT_0 = 0, DUPLICATE_SAME_ACCESS = 0x2;
    public const uint STD_INPUT_HANDLE = unchecked((uint)-10), STD_OUTPUT_HANDLE = unchecked((uint)-11), STD_ERROR_HANDLE = unchecked((uint)-12);

    [DllImport(Kernel32, EntryPoint = "CreateProcessW", SetLastError = true)]
    public static extern int CreateProcess(char* applicationName, char* commandLine, SECURITY_ATTRIBUTES* processAttributes,
        SECURITY_ATTRIBUTES* threadAttributes, int inheritHandles, uint creationFlags, char* environment, char* currentDirectory,
        STARTUPINFOW* startupInfo, PROCESS_INFORMATION* processInformation);

    [DllImport(Kernel32, EntryPoint = "CreatePipe", SetLastError = true)]
    public static extern int CreatePipe(out nint readPipe, out nint writePipe, SECURITY_ATTRIBUTES* attributes, uint size);

    [DllImport(Kernel32, EntryPoint = "PeekNamedPipe", SetLastError = true)]
    public static extern int PeekNamedPipe(SafeHandle pipe, byte* buffer, uint bufferSize, uint* bytesRead, uint* totalBytesAvailable,
        uint* bytesLeftThisMessage);

    [DllImport(Kernel32, EntryPoint = "ReadFile", SetLastError = true)]
    public static extern int ReadFile(SafeHandle file, byte* buffer, uint count, uint* read, void* overlapped);

    [DllImport(Kernel32, EntryPoint = "WriteFile", SetLastError = true)]
    public static extern int WriteFile(SafeHandle file, byte* buffer, uint count, uint* written, void* overlapped);

    [DllImport(Kernel32, EntryPoint = "DuplicateHandle", SetLastError = true)]
    public static extern int DuplicateHandle(nint sourceProcess, nint source, nint targetProcess, out nint target, uint access,
        int inherit, uint options);

    [DllImport(Kernel32, EntryPoint = "GetCurrentProcess")]
    public static extern nint GetCurrentProcess();

    [DllImport(Kernel32, EntryPoint = "GetStdHandle", SetLastError = true)]
    public static extern nint GetStdHandle(uint stdHandle);

    [DllImport(Kernel32, EntryPoint = "WaitForSingleObject", SetLastError = true)]
    public static extern uint WaitForSingleObject(SafeHandle handle, uint milliseconds);

    [DllImport(Kernel32, EntryPoint = "GetExitCodeProcess", SetLastError = true)]
    public static extern int GetExitCodeProcess(SafeHandle process, out uint exitCode);

    [DllImport(Kernel32, EntryPoint = "TerminateProcess", SetLastError = true)]
    public static extern int TerminateProcess(SafeHandle process, uint exitCode);

    [DllImport(Kernel32, EntryPoint = "CloseHandle", SetLastError = true)]
    public static extern int CloseHandle(nint handle);

    /// <summary>
    /// The host's own standard handle 0, 1 or 2 on a Windows host (what a child started with the guest's console stream
    /// receives), else 0.
    /// </summary>
    public static nint StandardHandle(int index) => OperatingSystem.IsWindows()
        ? GetStdHandle(index switch { 0 => STD_INPUT_HANDLE, 1 => STD_OUTPUT_HANDLE, _ => STD_ERROR_HANDLE })
        : 0;

    /// <summary>An inheritable copy of <paramref name="handle"/> in this process (for a child's standard handle), or 0.</summary>
    public static nint InheritableCopy(nint handle)
    {
        if (handle == 0 || handle == -1)
            return 0;
        var self = GetCurrentProcess();
        return DuplicateHandle(self, handle, self, out var copy, 0, 1, DUPLICATE_SAME_ACCESS) != 0 ? copy : 0;
    }
}
