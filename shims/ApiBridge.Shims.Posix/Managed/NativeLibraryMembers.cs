using System.Reflection;
using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>System.Runtime.InteropServices.NativeLibrary</c> for a Linux guest, for the one libc symbol no P/Invoke can
/// reach: <c>environ</c> (and glibc's alias <c>__environ</c>), a data symbol a guest reads with
/// <c>NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ")</c>. For libc's handle those two names give
/// the address of <see cref="EnvironBlock"/>'s array, which holds the block getenv answers from, in step with
/// setenv and friends. Every other library and symbol is .NET's own answer.
/// </summary>
/// <remarks>
/// Loading libc ("libc.so.6", "libc.so", "libc", with or without a folder) gives the host's libc on a Linux host, so
/// the guest's other lookups in it keep working (their function pointers reach the host's libc, not the shims: the
/// bridge cannot redirect a call through a pointer). A Windows host has no libc: the handle is a token of the
/// bridge's, whose only symbols are environ and __environ (any other is EntryPointNotFoundException, as .NET throws
/// for a missing export), and freeing it does nothing.
/// </remarks>
[ShimMembers("System.Runtime.InteropServices.NativeLibrary", "posix", "env")]
public static class NativeLibraryMembers
{
    private static readonly Lazy<IntPtr> Libc = new(() =>
        OperatingSystem.IsWindows() ? Marshal.AllocHGlobal(1) : NativeLibrary.Load("libc.so.6"));

    public static IntPtr Load(string libraryPath)
    {
        ArgumentNullException.ThrowIfNull(libraryPath);
        return IsLibc(libraryPath) ? Libc.Value : NativeLibrary.Load(libraryPath);
    }

    public static bool TryLoad(string libraryPath, out IntPtr handle)
    {
        ArgumentNullException.ThrowIfNull(libraryPath);
        if (IsLibc(libraryPath))
        {
            handle = Libc.Value;
            return true;
        }
        return NativeLibrary.TryLoad(libraryPath, out handle);
    }

    public static IntPtr Load(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        ArgumentNullException.ThrowIfNull(libraryName);
        return IsLibc(libraryName) ? Libc.Value : NativeLibrary.Load(libraryName, assembly, searchPath);
    }

    public static bool TryLoad(string libraryName, Assembly assembly, DllImportSearchPath? searchPath, out IntPtr handle)
    {
        ArgumentNullException.ThrowIfNull(libraryName);
        if (IsLibc(libraryName))
        {
            handle = Libc.Value;
            return true;
        }
        return NativeLibrary.TryLoad(libraryName, assembly, searchPath, out handle);
    }

    public static IntPtr GetExport(IntPtr handle, string name)
    {
        if (TryGetExport(handle, name, out var address))
            return address;
        if (IsBridgeToken(handle))
            throw new EntryPointNotFoundException($"Unable to find an entry point named '{name}' in DLL.");
        return NativeLibrary.GetExport(handle, name); // .NET's own exception for the missing symbol
    }

    public static bool TryGetExport(IntPtr handle, string name, out IntPtr address)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (handle == IntPtr.Zero)
            throw new ArgumentNullException(nameof(handle));
        if (handle == Libc.Value && name is "environ" or "__environ")
        {
            address = EnvironBlock.Address;
            return true;
        }
        if (IsBridgeToken(handle))
        {
            address = IntPtr.Zero;
            return false;
        }
        return NativeLibrary.TryGetExport(handle, name, out address);
    }

    /// <summary>libc's handle stays loaded (every Load of it gave the same handle without a reference of its own).</summary>
    public static void Free(IntPtr handle)
    {
        if (!(Libc.IsValueCreated && handle == Libc.Value))
            NativeLibrary.Free(handle);
    }

    private static bool IsBridgeToken(IntPtr handle) => OperatingSystem.IsWindows() && Libc.IsValueCreated && handle == Libc.Value;

    /// <summary>libc by any of the names a Linux guest gives it.</summary>
    private static bool IsLibc(string name)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        return file is "libc" or "libc.so" or "libc.so.6";
    }
}
