using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// LoadLibraryW/LoadLibraryExW/FreeLibrary/GetProcAddress over the libraries the bridge shims. Loading kernel32 (also
/// named kernelbase or an api-ms-win-core-* set, which Windows forwards to it), ntdll or the program itself gives its
/// module handle (they are always loaded); advapi32 is loaded on first use, counted, and unloaded by the last
/// FreeLibrary. Any other library is a native DLL the bridge cannot load on this host: NULL with ERROR_MOD_NOT_FOUND
/// (126), what Windows says for a DLL it cannot find, so the guest takes its "not installed" path instead of crashing.
/// GetProcAddress of a kernel32 or advapi32 export returns a native entry point into the shim
/// (<see cref="ExportThunks"/>); any other name or an ordinal fails with ERROR_PROC_NOT_FOUND (127).
/// Contracts: Microsoft's LoadLibraryExW/GetProcAddress pages and Wine's kernelbase/loader.c.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class LibraryLoading
{
    public const int ERROR_PROC_NOT_FOUND = 127;

    private static readonly object Gate = new();
    private static int advapi32References;

    /// <summary>Whether a module that needs loading (advapi32) is loaded now; the always-loaded ones are.</summary>
    public static bool IsLoaded(nint module)
    {
        lock (Gate)
            return module != Modules.Advapi32Module || advapi32References > 0;
    }

    /// <summary>HMODULE LoadLibraryW(LPCWSTR lpLibFileName)</summary>
    [ShimExport("LoadLibraryW")]
    public static nint LoadLibraryW(char* fileName) => LoadLibraryExW(fileName, 0, 0);

    /// <summary>
    /// HMODULE LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags) — hFile must be NULL and the name
    /// given (else ERROR_INVALID_PARAMETER); the flags change nothing for a library that is shimmed (a data-file load of
    /// a loaded module gives its handle, as Windows does).
    /// </summary>
    [ShimExport("LoadLibraryExW")]
    public static nint LoadLibraryExW(char* fileName, nint file, uint flags)
    {
        if (fileName == null || file != 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        var module = ModuleNamed(new string(fileName));
        if (module == 0)
        {
            LastError.Set(Modules.ERROR_MOD_NOT_FOUND);
            return 0;
        }
        if (module == Modules.Advapi32Module)
        {
            lock (Gate)
                advapi32References++;
        }
        return module;
    }

    /// <summary>
    /// BOOL FreeLibrary(HMODULE hLibModule) — NULL: ERROR_INVALID_HANDLE; a handle that is no loaded module:
    /// ERROR_MOD_NOT_FOUND (Wine's LdrUnloadDll answer). Freeing an always-loaded module succeeds and changes nothing.
    /// </summary>
    [ShimExport("FreeLibrary")]
    public static int FreeLibrary(nint module)
    {
        if (module == 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (module == Modules.Advapi32Module)
        {
            lock (Gate)
            {
                if (advapi32References == 0)
                    return FileShim.Fail(Modules.ERROR_MOD_NOT_FOUND);
                advapi32References--;
                return 1;
            }
        }
        return Modules.PathOf(module) is null ? FileShim.Fail(Modules.ERROR_MOD_NOT_FOUND) : 1;
    }

    /// <summary>
    /// FARPROC GetProcAddress(HMODULE hModule, LPCSTR lpProcName) — NULL hModule is the program; an lpProcName below
    /// 0x10000 is an ordinal, which no shimmed export has: ERROR_PROC_NOT_FOUND, as is a name the module does not export
    /// (the program and ntdll export nothing the bridge provides); a handle that is no loaded module: ERROR_MOD_NOT_FOUND.
    /// </summary>
    [ShimExport("GetProcAddress")]
    public static nint GetProcAddress(nint module, byte* procName)
    {
        var path = Modules.PathOf(module);
        if (path is null)
        {
            LastError.Set(Modules.ERROR_MOD_NOT_FOUND);
            return 0;
        }
        var library = module == Modules.Kernel32Module ? "kernel32" : module == Modules.Advapi32Module ? "advapi32" : null;
        var isName = (nuint)procName >= 0x10000;
        if (library is not null && isName && ExportThunks.ExportsOf(library).TryGetValue(new string((sbyte*)procName), out var export))
            return ExportThunks.PointerTo(export);
        LastError.Set(ERROR_PROC_NOT_FOUND);
        return 0;
    }

    private static string? dllDirectory;

    /// <summary>
    /// BOOL SetDllDirectoryW(LPCWSTR lpPathName) — the folder added to the DLL search path (NULL restores the default
    /// order, "" removes the current folder from it); kept for GetDllDirectoryW. No DLL the bridge could load lives in
    /// a folder, so the search itself is unchanged.
    /// </summary>
    [ShimExport("SetDllDirectoryW")]
    public static int SetDllDirectoryW(char* pathName)
    {
        Volatile.Write(ref dllDirectory, pathName == null ? null : new string(pathName));
        return 1;
    }

    /// <summary>
    /// DWORD GetDllDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer) — the folder SetDllDirectoryW set ("" if none): its
    /// length; a buffer too small: the size needed with the terminator.
    /// </summary>
    [ShimExport("GetDllDirectoryW")]
    public static uint GetDllDirectoryW(uint bufferLength, char* buffer)
    {
        var value = Volatile.Read(ref dllDirectory) ?? string.Empty;
        if ((uint)value.Length >= bufferLength)
        {
            if (buffer != null && bufferLength > 0)
                buffer[0] = '\0';
            return (uint)value.Length + 1;
        }
        if (buffer == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        value.AsSpan().CopyTo(new Span<char>(buffer, value.Length));
        buffer[value.Length] = '\0';
        return (uint)value.Length;
    }

    /// <summary>
    /// The module a LoadLibrary name stands for, or 0: the file name after any folder, case-insensitively, <c>.dll</c>
    /// implied when it has no extension (a trailing dot means none, as on Windows).
    /// </summary>
    private static nint ModuleNamed(string name)
    {
        var file = name.Replace('/', '\\');
        file = file[(file.LastIndexOf('\\') + 1)..].ToLowerInvariant();
        if (file.EndsWith('.'))
            file = file[..^1];
        else if (Path.GetExtension(file).Length == 0)
            file += ".dll";
        if (file is "kernel32.dll" or "kernelbase.dll" || (file.StartsWith("api-ms-win-core-", StringComparison.Ordinal) && file.EndsWith(".dll", StringComparison.Ordinal)))
            return Modules.Kernel32Module;
        if (file == "ntdll.dll")
            return Modules.NtdllModule;
        if (file == "advapi32.dll")
            return Modules.Advapi32Module;
        if (file.Length == 0)
            return 0;
        var saved = LastError.Value;
        var own = Modules.HandleOf(file);
        LastError.Set(saved);
        return own == Modules.ProgramModule ? own : 0;
    }
}
