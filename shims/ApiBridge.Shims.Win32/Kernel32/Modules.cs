using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The guest's modules as Windows shows them: its own program (<see cref="GuestProgram"/>: the original guest path
/// as a Windows path on its drive, a <c>.dll</c> shown as its <c>.exe</c>), and the system's kernel32 and ntdll,
/// which every Windows process has loaded, and advapi32 once LoadLibrary has loaded it (<see cref="LibraryLoading"/>).
/// Module handles are fixed values standing for base addresses (the program at 0x140000000, as a 64-bit Windows image
/// is usually based); no other module is known.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Modules
{
    public static readonly nint ProgramModule = unchecked((nint)0x140000000L);
    public static readonly nint Kernel32Module = unchecked((nint)0x7FF800000000L);
    public static readonly nint NtdllModule = unchecked((nint)0x7FF900000000L);
    public static readonly nint Advapi32Module = unchecked((nint)0x7FFA00000000L);
    public const int ERROR_MOD_NOT_FOUND = 126;

    /// <summary>
    /// DWORD GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize) — the length without terminator and
    /// last error 0; a buffer too small gets the path truncated to nSize − 1 characters and a terminator, the result
    /// is nSize and the last error ERROR_INSUFFICIENT_BUFFER (122); an unknown module: 0, ERROR_MOD_NOT_FOUND (126).
    /// </summary>
    [ShimExport("GetModuleFileNameW")]
    public static uint GetModuleFileNameW(nint module, char* fileName, uint size)
    {
        var path = PathOf(module);
        if (path is null)
            return Fail();
        if (fileName == null && size > 0)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        if ((uint)path.Length < size)
        {
            path.AsSpan().CopyTo(new Span<char>(fileName, path.Length));
            fileName[path.Length] = '\0';
            LastError.Set(0);
            return (uint)path.Length;
        }
        if (size > 0)
        {
            path.AsSpan(0, (int)size - 1).CopyTo(new Span<char>(fileName, (int)size - 1));
            fileName[size - 1] = '\0';
        }
        LastError.Set(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        return size;
    }

    /// <summary>DWORD GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize) — the same in UTF-8 bytes.</summary>
    [ShimExport("GetModuleFileNameA")]
    public static uint GetModuleFileNameA(nint module, byte* fileName, uint size)
    {
        var path = PathOf(module);
        if (path is null)
            return Fail();
        var bytes = Encoding.UTF8.GetBytes(path);
        if (fileName == null && size > 0)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        if ((uint)bytes.Length < size)
        {
            bytes.CopyTo(new Span<byte>(fileName, bytes.Length));
            fileName[bytes.Length] = 0;
            LastError.Set(0);
            return (uint)bytes.Length;
        }
        if (size > 0)
        {
            bytes.AsSpan(0, (int)size - 1).CopyTo(new Span<byte>(fileName, (int)size - 1));
            fileName[size - 1] = 0;
        }
        LastError.Set(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        return size;
    }

    /// <summary>
    /// HMODULE GetModuleHandleW(LPCWSTR lpModuleName) — NULL or the program's own name (with or without <c>.exe</c>,
    /// any case): the program's handle; kernel32 and ntdll (with or without <c>.dll</c>): theirs; anything else NULL
    /// with ERROR_MOD_NOT_FOUND.
    /// </summary>
    [ShimExport("GetModuleHandleW")]
    public static nint GetModuleHandleW(char* moduleName) => HandleOf(FileShim.Wide(moduleName));

    /// <summary>HMODULE GetModuleHandleA(LPCSTR lpModuleName)</summary>
    [ShimExport("GetModuleHandleA")]
    public static nint GetModuleHandleA(byte* moduleName) => HandleOf(FileShim.Ansi(moduleName));

    internal static nint HandleOf(string? name)
    {
        if (name is null)
            return ProgramModule;
        var file = name.Replace('/', '\\');
        var slash = file.LastIndexOf('\\');
        if (slash >= 0)
            file = file[(slash + 1)..];
        var own = GuestProgram.WindowsPath(Bridge.Environment);
        var ownFile = own[(own.LastIndexOf('\\') + 1)..];
        if (Same(file, ownFile, ".exe"))
            return ProgramModule;
        if (Same(file, "kernel32.dll", ".dll"))
            return Kernel32Module;
        if (Same(file, "ntdll.dll", ".dll"))
            return NtdllModule;
        if (Same(file, "advapi32.dll", ".dll") && LibraryLoading.IsLoaded(Advapi32Module))
            return Advapi32Module;
        LastError.Set(ERROR_MOD_NOT_FOUND);
        return 0;
    }

    /// <summary>Equal ignoring case, <paramref name="name"/> possibly without <paramref name="extension"/>.</summary>
    private static bool Same(string name, string moduleFile, string extension) =>
        string.Equals(name, moduleFile, StringComparison.OrdinalIgnoreCase)
        || (Path.GetExtension(name).Length == 0 && string.Equals(name + extension, moduleFile, StringComparison.OrdinalIgnoreCase));

    /// <summary>The Windows path of a module of the calling process, or null for a handle that is no loaded module.</summary>
    internal static string? PathOf(nint module)
    {
        if (module == 0 || module == ProgramModule)
            return GuestProgram.WindowsPath(Bridge.Environment);
        if (module == Kernel32Module)
            return GuestFileSystem.Current.SystemDirectory + @"\kernel32.dll";
        if (module == NtdllModule)
            return GuestFileSystem.Current.SystemDirectory + @"\ntdll.dll";
        if (module == Advapi32Module && LibraryLoading.IsLoaded(Advapi32Module))
            return GuestFileSystem.Current.SystemDirectory + @"\advapi32.dll";
        return null;
    }

    private static uint Fail()
    {
        LastError.Set(ERROR_MOD_NOT_FOUND);
        return 0;
    }
}
