using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The psapi-style module queries kernel32 exports as K32*, and QueryFullProcessImageNameW: the modules of the
/// calling process are those of <see cref="Modules"/> (the program, ntdll, kernel32, advapi32 once loaded); of a
/// child the bridge started, only its program is known (module NULL). A child that has ended: ERROR_PARTIAL_COPY.
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

    /// <summary>
    /// BOOL K32EnumProcessModules(HANDLE hProcess, HMODULE *lphModule, DWORD cb, LPDWORD lpcbNeeded) — as many handles
    /// as fit in cb bytes, the program's first; *lpcbNeeded the bytes all of them take (Wine's psapi tests: a NULL
    /// lpcbNeeded or a NULL array with room for one is ERROR_NOACCESS).
    /// </summary>
    [ShimExport("K32EnumProcessModules")]
    public static int K32EnumProcessModules(nint process, nint* modules, uint size, uint* needed)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (!target.IsCurrent && target.HasExited)
            return FileShim.Fail(ERROR_PARTIAL_COPY);
        if (needed == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        nint[] list = target.IsCurrent
            ? LibraryLoading.IsLoaded(Modules.Advapi32Module)
                ? [Modules.ProgramModule, Modules.NtdllModule, Modules.Kernel32Module, Modules.Advapi32Module]
                : [Modules.ProgramModule, Modules.NtdllModule, Modules.Kernel32Module]
            : [Modules.ProgramModule];
        var fits = (int)Math.Min((uint)list.Length, size / (uint)sizeof(nint));
        if (fits > 0 && modules == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        for (var i = 0; i < fits; i++)
            modules[i] = list[i];
        *needed = (uint)(list.Length * sizeof(nint));
        return 1;
    }

    /// <summary>
    /// BOOL K32EnumProcessModulesEx(HANDLE hProcess, HMODULE *lphModule, DWORD cb, LPDWORD lpcbNeeded, DWORD
    /// dwFilterFlag) — LIST_MODULES_DEFAULT, _32BIT, _64BIT or _ALL (0–3; every module is 64-bit), else ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("K32EnumProcessModulesEx")]
    public static int K32EnumProcessModulesEx(nint process, nint* modules, uint size, uint* needed, uint filter)
    {
        if (filter > 3)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (filter == 1) // LIST_MODULES_32BIT: a 64-bit process has none
        {
            if (!KernelObjects.TryGetProcess(process, allowThread: false, out _, out _))
                return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
            if (needed == null)
                return FileShim.Fail(Win32Error.ERROR_NOACCESS);
            *needed = 0;
            return 1;
        }
        return K32EnumProcessModules(process, modules, size, needed);
    }

    /// <summary>
    /// DWORD K32GetModuleBaseNameW(HANDLE hProcess, HMODULE hModule, LPWSTR lpBaseName, DWORD nSize) — the file name
    /// of K32GetModuleFileNameExW's path, cut to nSize − 1 characters and a terminator; the characters copied.
    /// </summary>
    [ShimExport("K32GetModuleBaseNameW")]
    public static uint K32GetModuleBaseNameW(nint process, nint module, char* baseName, uint size)
    {
        var path = PathOf(process, module, out var error);
        if (path is null)
            return Fail(error);
        var name = path[(path.LastIndexOf('\\') + 1)..];
        if (size == 0)
            return Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        if (baseName == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        var copied = (int)Math.Min((uint)name.Length, size - 1);
        name.AsSpan(0, copied).CopyTo(new Span<char>(baseName, copied));
        baseName[copied] = '\0';
        return (uint)copied;
    }

    /// <summary>
    /// BOOL QueryFullProcessImageNameW(HANDLE hProcess, DWORD dwFlags, LPWSTR lpExeName, PDWORD lpdwSize) — the
    /// program's Windows path (flags 0) or its NT device form (PROCESS_NAME_NATIVE, 1: C: as <c>\Device\HarddiskVolume1</c>,
    /// each later letter one more); *lpdwSize in: the buffer's characters, out: the length. Too small:
    /// ERROR_INSUFFICIENT_BUFFER; other flags ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("QueryFullProcessImageNameW")]
    public static int QueryFullProcessImageNameW(nint process, uint flags, char* exeName, uint* size)
    {
        if (flags > 1)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var path = PathOf(process, 0, out var error);
        if (path is null)
            return FileShim.Fail(error);
        if (size == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        if (flags == 1 && path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
            path = @"\Device\HarddiskVolume" + (char.ToUpperInvariant(path[0]) - 'A' - 1) + path[2..];
        if ((uint)path.Length >= *size)
            return FileShim.Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        if (exeName == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        path.AsSpan().CopyTo(new Span<char>(exeName, path.Length));
        exeName[path.Length] = '\0';
        *size = (uint)path.Length;
        return 1;
    }

    /// <summary>A module's path in a process, or null with the error (see the class).</summary>
    private static string? PathOf(nint process, nint module, out int error)
    {
        error = Win32Error.ERROR_INVALID_HANDLE;
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return null;
        if (target.IsCurrent)
            return Modules.PathOf(module);
        if (target.HasExited)
        {
            error = ERROR_PARTIAL_COPY;
            return null;
        }
        return module == 0 || module == Modules.ProgramModule ? target.ImagePath : null;
    }

    private static uint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
