using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// GetSystemInfo, GlobalMemoryStatusEx, IsWow64Process(2) and GetComputerName(Ex)W against Microsoft's contracts and
/// Wine's tests (dlls/kernel32/tests/heap.c, process.c; dlls/kernel32/tests/... GetComputerName in sync with the
/// environment's COMPUTERNAME): sizes, the x64 constants, error codes and the buffer-size conventions.
/// </summary>
public sealed unsafe class SystemInformationTests : FileSystemTest
{
    [Fact]
    public void System_info_is_a_64_bit_windows_process_on_this_machine()
    {
        Assert.Equal(48, sizeof(SYSTEM_INFO));
        SYSTEM_INFO info;
        SystemInformation.GetSystemInfo(&info);

        Assert.Equal(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 12 : 9, info.wProcessorArchitecture);
        Assert.Equal((uint)Environment.ProcessorCount, info.dwNumberOfProcessors);
        Assert.Equal(System.Numerics.BitOperations.PopCount(info.dwActiveProcessorMask), Environment.ProcessorCount);
        Assert.Equal(4096u, info.dwPageSize);
        Assert.Equal(0x10000u, info.dwAllocationGranularity);
        Assert.Equal((nint)0x10000, info.lpMinimumApplicationAddress);
        Assert.Equal((nint)0x7FFF_FFFE_FFFF, info.lpMaximumApplicationAddress);

        SYSTEM_INFO native;
        SystemInformation.GetNativeSystemInfo(&native);
        Assert.Equal(info, native);
    }

    [Fact]
    public void Memory_status_needs_its_length_and_reports_the_hosts_memory()
    {
        var status = new MEMORYSTATUSEX();
        Clear();
        Assert.Equal(0, SystemInformation.GlobalMemoryStatusEx(&status)); // dwLength not set
        Assert.Equal(87, Err);

        status.dwLength = (uint)sizeof(MEMORYSTATUSEX);
        Assert.Equal(64, sizeof(MEMORYSTATUSEX));
        Assert.Equal(1, SystemInformation.GlobalMemoryStatusEx(&status));
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:"));
        Assert.Equal(ulong.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024, status.ullTotalPhys);
        Assert.InRange(status.ullAvailPhys, 1UL, status.ullTotalPhys);
        Assert.InRange(status.dwMemoryLoad, 0u, 100u);
        Assert.True(status.ullTotalPageFile >= status.ullTotalPhys);
        Assert.True(status.ullAvailPageFile >= status.ullAvailPhys);
        Assert.Equal(0x7FFF_FFFE_0000UL, status.ullTotalVirtual);
        Assert.InRange(status.ullAvailVirtual, 1UL, status.ullTotalVirtual);
        Assert.Equal(0UL, status.ullAvailExtendedVirtual);
    }

    [Fact]
    public void No_process_is_wow64_and_a_bad_handle_is_ERROR_INVALID_HANDLE()
    {
        var wow64 = 7;
        Assert.Equal(1, SystemInformation.IsWow64Process(-1, &wow64));
        Assert.Equal(0, wow64);

        Clear();
        Assert.Equal(0, SystemInformation.IsWow64Process(0x1234, &wow64));
        Assert.Equal(6, Err);

        ushort processMachine = 1, nativeMachine = 0;
        Assert.Equal(1, SystemInformation.IsWow64Process2(-1, &processMachine, &nativeMachine));
        Assert.Equal(0, processMachine); // IMAGE_FILE_MACHINE_UNKNOWN: not a WOW64 process
        Assert.Equal(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? 0xAA64 : 0x8664, nativeMachine);
    }

    [Fact]
    public void Computer_name_is_the_prefixs_with_windows_buffer_rules()
    {
        var buffer = stackalloc char[32];
        uint size = 32;
        Assert.Equal(1, ComputerName.GetComputerNameW(buffer, &size));
        Assert.Equal("TESTBOX", new string(buffer, 0, (int)size));
        Assert.Equal(7u, size);

        size = 7; // no room for the terminator
        Clear();
        Assert.Equal(0, ComputerName.GetComputerNameW(buffer, &size));
        Assert.Equal(111, Err); // ERROR_BUFFER_OVERFLOW
        Assert.Equal(8u, size);
    }

    [Fact]
    public void Computer_name_ex_gives_each_form_and_its_own_errors()
    {
        var buffer = stackalloc char[256];
        uint size = 256;
        Assert.Equal(1, ComputerName.GetComputerNameExW(ComputerName.ComputerNameNetBIOS, buffer, &size));
        Assert.Equal("TESTBOX", new string(buffer, 0, (int)size));

        size = 256;
        Assert.Equal(1, ComputerName.GetComputerNameExW(ComputerName.ComputerNameDnsFullyQualified, buffer, &size));
        Assert.Equal(System.Net.Dns.GetHostName(), new string(buffer, 0, (int)size));

        size = 256;
        Assert.Equal(1, ComputerName.GetComputerNameExW(ComputerName.ComputerNameDnsHostname, buffer, &size));
        Assert.Equal(System.Net.Dns.GetHostName().Split('.')[0], new string(buffer, 0, (int)size));

        size = 1;
        Clear();
        Assert.Equal(0, ComputerName.GetComputerNameExW(ComputerName.ComputerNameNetBIOS, buffer, &size));
        Assert.Equal(234, Err); // ERROR_MORE_DATA
        Assert.Equal(8u, size);

        size = 256;
        Clear();
        Assert.Equal(0, ComputerName.GetComputerNameExW(8, buffer, &size));
        Assert.Equal(87, Err);
    }
}
