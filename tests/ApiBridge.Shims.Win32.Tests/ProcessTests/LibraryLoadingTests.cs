using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>
/// LoadLibraryW/ExW, FreeLibrary, GetProcAddress: the shimmed libraries resolve to callable shim exports, anything
/// else fails with Windows' codes (ERROR_MOD_NOT_FOUND 126, ERROR_PROC_NOT_FOUND 127, ERROR_INVALID_PARAMETER 87).
/// </summary>
public sealed unsafe class LibraryLoadingTests : ProcessTest
{
    [UnmanagedFunctionPointer(CallingConvention.Winapi, SetLastError = true)]
    private delegate nint GetModuleHandleDelegate([MarshalAs(UnmanagedType.LPWStr)] string name);

    private static nint Load(string? name, nint file = 0, uint flags = 0)
    {
        Clear();
        fixed (char* n = name)
            return LibraryLoading.LoadLibraryExW(name is null ? null : n, file, flags);
    }

    private static nint Proc(nint module, string name)
    {
        Clear();
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* n = bytes)
            return LibraryLoading.GetProcAddress(module, n);
    }

    [Theory]
    [InlineData("kernel32.dll")]
    [InlineData("KERNEL32")]
    [InlineData(@"C:\windows\system32\kernel32.dll")]
    [InlineData("kernelbase.dll")]
    [InlineData("api-ms-win-core-synch-l1-2-0.dll")]
    public void Kernel32_by_any_of_its_names_is_the_loaded_kernel32(string name)
    {
        var module = Load(name);
        Assert.Equal(Modules.Kernel32Module, module);
        fixed (char* k = "kernel32")
            Assert.Equal(Modules.GetModuleHandleW(k), module);
        Assert.Equal(1, LibraryLoading.FreeLibrary(module));
    }

    [Fact]
    public void Libraries_the_bridge_does_not_shim_are_not_found()
    {
        Assert.Equal(0, Load("user32.dll"));
        Assert.Equal(126, Err);
        Assert.Equal(0, Load(@"C:\work\native.dll"));
        Assert.Equal(126, Err);
        Assert.Equal(0, Load(""));
        Assert.Equal(126, Err);
        Assert.Equal(0, Load(null));
        Assert.Equal(87, Err);
        Assert.Equal(0, Load("kernel32.dll", file: 5)); // hFile is reserved: must be NULL
        Assert.Equal(87, Err);
        fixed (char* n = "user32")
            Assert.Equal(0, LibraryLoading.LoadLibraryW(n));
        Assert.Equal(126, Err);
    }

    [Fact]
    public void Advapi32_is_loaded_counted_and_unloaded_by_the_last_FreeLibrary()
    {
        fixed (char* name = "advapi32")
        {
            Assert.Equal(0, Modules.GetModuleHandleW(name)); // not loaded until asked for
            var first = Load("ADVAPI32.DLL");
            Assert.Equal(Modules.Advapi32Module, first);
            Assert.Equal(first, LibraryLoading.LoadLibraryW(name));
            Assert.Equal(first, Modules.GetModuleHandleW(name));
            Assert.NotEqual(0, Proc(first, "RegOpenKeyExW"));
            Assert.Equal(0, Proc(first, "GetCurrentProcessId")); // a kernel32 export, not advapi32's
            Assert.Equal(127, Err);

            Assert.Equal(1, LibraryLoading.FreeLibrary(first));
            Assert.Equal(first, Modules.GetModuleHandleW(name)); // one reference left
            Assert.Equal(1, LibraryLoading.FreeLibrary(first));
            Assert.Equal(0, Modules.GetModuleHandleW(name));
            Clear();
            Assert.Equal(0, LibraryLoading.FreeLibrary(first));
            Assert.Equal(126, Err);
            Assert.Equal(0, Proc(first, "RegOpenKeyExW"));
            Assert.Equal(126, Err);
        }
    }

    [Fact]
    public void FreeLibrary_refuses_null_and_handles_that_are_no_module()
    {
        Clear();
        Assert.Equal(0, LibraryLoading.FreeLibrary(0));
        Assert.Equal(6, Err);
        Clear();
        Assert.Equal(0, LibraryLoading.FreeLibrary(0x1234));
        Assert.Equal(126, Err);
    }

    [Fact]
    public void GetProcAddress_gives_an_entry_point_that_calls_the_shim()
    {
        var kernel32 = Load("kernel32.dll");
        var pid = Proc(kernel32, "GetCurrentProcessId");
        Assert.NotEqual(0, pid);
        Assert.Equal(pid, Proc(kernel32, "GetCurrentProcessId")); // the same entry point each time
        Assert.Equal(ProcessBasics.GetCurrentProcessId(), ((delegate* unmanaged<uint>)pid)());

        // The shim's last error reaches the guest as a SetLastError=true delegate reads it.
        var getModuleHandle = Marshal.GetDelegateForFunctionPointer<GetModuleHandleDelegate>(Proc(kernel32, "GetModuleHandleW"));
        Assert.Equal(0, getModuleHandle("nothing-here.dll"));
        Assert.Equal(126, Marshal.GetLastPInvokeError());
        Assert.Equal(Modules.Kernel32Module, getModuleHandle("kernel32.dll"));

        var setLastError = (delegate* unmanaged<uint, void>)Proc(kernel32, "SetLastError");
        setLastError(4321);
        Assert.Equal(4321, LastError.Value);
        Assert.Equal(4321, Marshal.GetLastSystemError());
    }

    [Fact]
    public void GetProcAddress_of_unknown_names_ordinals_and_modules_fails()
    {
        var kernel32 = Load("kernel32.dll");
        Assert.Equal(0, Proc(kernel32, "NoSuchFunction"));
        Assert.Equal(127, Err);
        Assert.Equal(0, Proc(kernel32, "getcurrentprocessid")); // export names are case-sensitive
        Assert.Equal(127, Err);
        Clear();
        Assert.Equal(0, LibraryLoading.GetProcAddress(kernel32, (byte*)1)); // an ordinal
        Assert.Equal(127, Err);
        Assert.Equal(0, Proc(Load("ntdll"), "NtClose"));
        Assert.Equal(127, Err);
        Assert.Equal(0, Proc(0, "GetCurrentProcessId")); // NULL is the program, which exports nothing
        Assert.Equal(127, Err);
        Assert.Equal(0, Proc(0x1234, "GetCurrentProcessId"));
        Assert.Equal(126, Err);
    }

    [Theory]
    [InlineData("kernel32")]
    [InlineData("advapi32")]
    public void Every_export_has_an_entry_point(string library)
    {
        var exports = ExportThunks.ExportsOf(library);
        Assert.True(exports.Count > (library == "kernel32" ? 100 : 10));
        foreach (var (name, method) in exports)
            Assert.True(ExportThunks.PointerTo(method) != 0, name);
    }
}
