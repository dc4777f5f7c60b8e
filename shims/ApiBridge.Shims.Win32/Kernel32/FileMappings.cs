using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using static ApiBridge.Shims.Win32.Native.MemoryConstants;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// CreateFileMappingW, MapViewOfFile and UnmapViewOfFile on a Linux host: a section is a host descriptor (a copy of
/// the file's, or a memfd for a page-file section) and a view is a shared mapping of it (private for FILE_MAP_COPY),
/// so views of one file see each other's writes and the file's. A named section is found again by name within the
/// process (ERROR_ALREADY_EXISTS); it is not shared with other processes. Refusals as Windows: an empty file with
/// size 0 ERROR_FILE_INVALID, a page-file section of size 0 or an unknown protection ERROR_INVALID_PARAMETER, a
/// protection the file handle's access does not allow ERROR_ACCESS_DENIED, a view offset off the 64 KiB granularity
/// ERROR_MAPPED_ALIGNMENT, a view past the section or with more access than the section ERROR_ACCESS_DENIED, an
/// unmap of anything but a view's base ERROR_INVALID_ADDRESS. On a Windows host the host's functions do the work,
/// the section handle kept in the bridge's table.
/// </summary>
[ShimLibrary("kernel32", "memory")]
public static unsafe class FileMappings
{
    public const uint FILE_MAP_COPY = 0x1, FILE_MAP_WRITE = 0x2, FILE_MAP_READ = 0x4, FILE_MAP_EXECUTE = 0x20;
    public const int ERROR_FILE_INVALID = 1006, ERROR_MAPPED_ALIGNMENT = 1132;

    /// <summary>A section: its host descriptor, size and page protection; CloseHandle closes the descriptor (views stay).</summary>
    private sealed class Section(int fd, long size, uint protect, string? name) : IDisposable
    {
        public int Fd { get; } = fd;
        public long Size { get; } = size;
        public uint Protect { get; } = protect;
        public string? Name { get; } = name;
        public int References = 1;

        public void Dispose()
        {
            if (Interlocked.Decrement(ref References) != 0)
                return;
            if (Name is not null)
                Named.TryRemove(new KeyValuePair<string, Section>(Name, this));
            Close(Fd);
        }
    }

    private static readonly ConcurrentDictionary<string, Section> Named = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<nint, long> Views = new();

    /// <summary>
    /// HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect,
    /// DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)
    /// </summary>
    [ShimExport("CreateFileMappingW")]
    public static nint CreateFileMappingW(nint file, nint attributes, uint protect, uint maximumSizeHigh, uint maximumSizeLow, char* name)
    {
        if (OperatingSystem.IsWindows())
            return HostSection.Create(file, protect, maximumSizeHigh, maximumSizeLow, name);
        if (!OperatingSystem.IsLinux())
            return Fail(Win32Error.ERROR_NOT_SUPPORTED);
        var page = protect & 0xFF;
        if (page is not (PAGE_READONLY or PAGE_READWRITE or PAGE_WRITECOPY or PAGE_EXECUTE_READ or PAGE_EXECUTE_READWRITE or PAGE_EXECUTE_WRITECOPY))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var sectionName = name == null ? null : new string(name);
        if (sectionName is not null && Named.TryGetValue(sectionName, out var existing))
        {
            Interlocked.Increment(ref existing.References);
            LastError.Set(Win32Error.ERROR_ALREADY_EXISTS);
            return Bridge.Handles.Add(existing);
        }
        var size = (long)(((ulong)maximumSizeHigh << 32) | maximumSizeLow);
        int fd;
        if (file == -1)
        {
            if (size == 0)
                return Fail(Win32Error.ERROR_INVALID_PARAMETER);
            fd = MemfdCreate("apibridge-section", 0);
            if (fd < 0 || Ftruncate(fd, size) != 0)
                return Fail(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
        }
        else
        {
            if (!FileShim.TryGetFile(file, out var open))
                return 0;
            var writable = page is PAGE_READWRITE or PAGE_EXECUTE_READWRITE;
            if (!open.CanRead || writable && !open.CanWrite)
                return Fail(Win32Error.ERROR_ACCESS_DENIED);
            var error = open.Host.Stat(out var stat);
            if (error != 0)
                return Fail(error);
            if (size == 0 && stat.Size == 0)
                return Fail(ERROR_FILE_INVALID);
            if (size == 0)
                size = stat.Size;
            else if (size > stat.Size)
            {
                // A section larger than its file grows the file, which only a writable one may do.
                if (!writable)
                    return Fail(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
                if ((error = open.Host.SetLength(size)) != 0)
                    return Fail(error);
            }
            fd = Posix.Dup((int)open.Value);
            if (fd < 0)
                return Fail(Win32Error.ERROR_TOO_MANY_OPEN_FILES);
        }
        var section = new Section(fd, size, page, sectionName);
        if (sectionName is not null)
            Named[sectionName] = section;
        LastError.Set(0);
        return Bridge.Handles.Add(section);
    }

    /// <summary>
    /// LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD
    /// dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap) — 0 bytes maps to the section's end.
    /// </summary>
    [ShimExport("MapViewOfFile")]
    public static nint MapViewOfFile(nint mapping, uint desiredAccess, uint offsetHigh, uint offsetLow, nint bytes)
    {
        if (Bridge.Handles.TryGet(mapping, out HostSection hostSection))
            return hostSection.Map(desiredAccess, offsetHigh, offsetLow, bytes);
        if (!Bridge.Handles.TryGet(mapping, out Section section))
            return Fail(Win32Error.ERROR_INVALID_HANDLE);
        var offset = (long)(((ulong)offsetHigh << 32) | offsetLow);
        if (offset % Granularity != 0)
            return Fail(ERROR_MAPPED_ALIGNMENT);
        var length = bytes == 0 ? section.Size - offset : bytes;
        var sectionWritable = section.Protect is PAGE_READWRITE or PAGE_EXECUTE_READWRITE;
        var copy = (desiredAccess & FILE_MAP_COPY) != 0 && (desiredAccess & FILE_MAP_WRITE) == 0 || section.Protect is PAGE_WRITECOPY or PAGE_EXECUTE_WRITECOPY;
        if (length <= 0 || offset + length > section.Size || bytes < 0
            || (desiredAccess & FILE_MAP_WRITE) != 0 && !sectionWritable)
            return Fail(Win32Error.ERROR_ACCESS_DENIED);
        var protection = VirtualRegions.PROT_READ;
        if ((desiredAccess & (FILE_MAP_WRITE | FILE_MAP_COPY)) != 0)
            protection |= VirtualRegions.PROT_WRITE;
        if ((desiredAccess & FILE_MAP_EXECUTE) != 0)
            protection |= VirtualRegions.PROT_EXEC;
        var view = VirtualRegions.Mmap(0, (nuint)length, protection, copy ? VirtualRegions.MAP_PRIVATE : VirtualRegions.MAP_SHARED, section.Fd, offset);
        if (view == -1)
            return Fail(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
        Views[view] = length;
        return view;
    }

    /// <summary>BOOL UnmapViewOfFile(LPCVOID lpBaseAddress)</summary>
    [ShimExport("UnmapViewOfFile")]
    public static int UnmapViewOfFile(nint baseAddress)
    {
        if (OperatingSystem.IsWindows())
            return HostSection.Unmap(baseAddress);
        if (!Views.TryRemove(baseAddress, out var length))
        {
            LastError.Set(Win32Error.ERROR_INVALID_ADDRESS);
            return 0;
        }
        VirtualRegions.Munmap(baseAddress, (nuint)length);
        return 1;
    }

    /// <summary>
    /// A Windows host's own section, kept in the bridge's handle table (so the shims' CloseHandle closes it) around
    /// the host handle; the file handle given is the host's already (see FileHandles).
    /// </summary>
    private sealed class HostSection(nint handle) : IDisposable
    {
        public static nint Create(nint file, uint protect, uint high, uint low, char* name)
        {
            var hostFile = file == -1 ? -1 : Bridge.Handles.TryGet(file, out OpenFile open) ? open.Host.HostHandle : file;
            var handle = HostCreateFileMappingW(hostFile, 0, protect, high, low, name);
            var error = Marshal.GetLastPInvokeError();
            LastError.Set(error);
            return handle == 0 ? 0 : Bridge.Handles.Add(new HostSection(handle));
        }

        public nint Map(uint access, uint high, uint low, nint bytes)
        {
            var view = HostMapViewOfFile(handle, access, high, low, bytes);
            if (view == 0)
                LastError.Set(Marshal.GetLastPInvokeError());
            return view;
        }

        public static int Unmap(nint view)
        {
            if (HostUnmapViewOfFile(view))
                return 1;
            LastError.Set(Marshal.GetLastPInvokeError());
            return 0;
        }

        public void Dispose() => HostCloseHandle(handle);
    }

    [DllImport("kernel32", EntryPoint = "CreateFileMappingW", SetLastError = true)]
    private static extern nint HostCreateFileMappingW(nint file, nint attributes, uint protect, uint high, uint low, char* name);

    [DllImport("kernel32", EntryPoint = "MapViewOfFile", SetLastError = true)]
    private static extern nint HostMapViewOfFile(nint mapping, uint access, uint high, uint low, nint bytes);

    [DllImport("kernel32", EntryPoint = "UnmapViewOfFile", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool HostUnmapViewOfFile(nint view);

    [DllImport("kernel32", EntryPoint = "CloseHandle", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool HostCloseHandle(nint handle);

    private static nint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);

    [DllImport("libc", EntryPoint = "ftruncate64", SetLastError = true)]
    private static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
