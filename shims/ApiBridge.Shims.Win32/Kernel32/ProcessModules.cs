using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The psapi-style module queries kernel32 exports as K32*: the modules of the calling process are those of
/// <see cref="Modules"/>; of a child the bridge started, only its program is known (module NULL).
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class ProcessModules
{
    public const int ERROR_PARTIAL_COPY = 299;

    /// <summary>
    /// DWORD K32GetModuleFileNameExW(HANDLE hProcess, HMODULE hModule, LPWSTR lpFilename, DWORD nSize) — the length
    /// copied; a name longer than the buffer is cut to nSize − 1 characters and a terminator and the result is nSize,
    /// with the last error left as it was (Wine's psapi tests on Windows 10). A handle that is no process, or a module
    /// the process has not loaded: 0, ERROR_INVALID_HANDLE; a child that has ended: 0, ERROR_PARTIAL_COPY (its memory
    /// can no longer be read); nSize 0: 0.
    /// </summary>
    [ShimExport("K32GetModuleFileNameExW")]
    public static uint K32GetModuleFileNameExW(nint process, nint module, char* fileName, uint size)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return Fail(Win32Error.ERROR_INVALID_HANDLE);
        string? path;
        if (target.IsCurrent)
            path = Modules.PathOf(module);
        else if (target.HasExited)
            return Fail(ERROR_PARTIAL_COPY);
        else
            path = module == 0 || module == Modules.ProgramModule ? target.ImagePath : null;
        if (path is null)
            return Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (size == 0)
            return 0;
        if (fileName == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        var copied = (int)Math.Min((uint)path.Length, size - 1);
        path.AsSpan(0, copied).CopyTo(new Span<char>(fileName, copied));
        fileName[copied] = '\0';
        return copied < path.Length ? size : (uint)copied;
    }

    private static uint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
