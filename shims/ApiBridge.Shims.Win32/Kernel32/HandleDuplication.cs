using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// DuplicateHandle for the handles the bridge knows, and the handle flags (Get/SetHandleInformation).
/// <list type="bullet">
/// <item>Source and target process must be the current one (the pseudo-handle -1 or a handle to it); another
/// process: ERROR_NOT_SUPPORTED (50) — the bridge cannot put handles in a child's table.</item>
/// <item>Files and pipes: a new host descriptor for the same open file (same file pointer, as on Windows); the
/// access is kept (DUPLICATE_SAME_ACCESS) or the one asked for. Processes and threads: a new handle to the same
/// object. The pseudo-handles give real handles to the current process or thread.</item>
/// <item>DUPLICATE_CLOSE_SOURCE closes the source even when the duplication fails; when it would give a copy with
/// the same access, the source handle itself is handed back (Windows reuses the value just freed).</item>
/// <item>Anything else (not live, find handles, registry keys): ERROR_INVALID_HANDLE.</item>
/// </list>
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class HandleDuplication
{
    public const uint DUPLICATE_CLOSE_SOURCE = 0x1, DUPLICATE_SAME_ACCESS = 0x2;
    public const uint HANDLE_FLAG_INHERIT = 0x1, HANDLE_FLAG_PROTECT_FROM_CLOSE = 0x2;

    private static readonly ConditionalWeakTable<object, StrongBox<uint>> Flags = new();

    /// <summary>
    /// BOOL DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
    /// LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
    /// </summary>
    [ShimExport("DuplicateHandle")]
    public static int DuplicateHandle(nint sourceProcess, nint sourceHandle, nint targetProcess, nint* targetHandle,
        uint desiredAccess, int inheritHandle, uint options)
    {
        if (!KernelObjects.TryGetProcess(sourceProcess, allowThread: false, out var from, out _)
            || !KernelObjects.TryGetProcess(targetProcess, allowThread: false, out var to, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (!from.IsCurrent || !to.IsCurrent)
            return FileShim.Fail(Win32Error.ERROR_NOT_SUPPORTED);
        var closeSource = (options & DUPLICATE_CLOSE_SOURCE) != 0;
        var sameAccess = (options & DUPLICATE_SAME_ACCESS) != 0;

        nint result;
        if (sourceHandle == KernelObjects.CurrentProcess || sourceHandle == KernelObjects.CurrentThread)
        {
            result = Bridge.Handles.Add(new ProcessHandle(ProcessObject.Current, isThread: sourceHandle == KernelObjects.CurrentThread));
        }
        else if (Bridge.Handles.TryGet<ProcessHandle>(sourceHandle, out var process))
        {
            if (closeSource)
                result = sourceHandle;
            else
                result = Bridge.Handles.Add(new ProcessHandle(process.Process, process.IsThread));
        }
        else if (Bridge.Handles.TryGet<Sync.SyncHandle>(sourceHandle, out var sync))
        {
            // Another handle to the same event, mutex or semaphore: the object lives until both are closed.
            result = closeSource ? sourceHandle : Bridge.Handles.Add(sync.Object.Open());
        }
        else if (Bridge.Handles.TryGet<OpenFile>(sourceHandle, out var file))
        {
            var access = sameAccess ? file.Access : FileAccessRights.Map(desiredAccess);
            if (closeSource && access == file.Access)
            {
                result = sourceHandle;
            }
            else
            {
                var copy = DuplicateFile(file, access, out var error);
                if (copy is null)
                {
                    if (closeSource)
                        FileHandles.CloseHandle(sourceHandle);
                    return FileShim.Fail(error);
                }
                result = OpenFile.Register(copy);
                if (closeSource)
                    FileHandles.CloseHandle(sourceHandle);
            }
        }
        else
        {
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        }

        if (Bridge.Handles.TryGet<object>(result, out var target))
            SetInherit(target, inheritHandle != 0);
        if (targetHandle != null)
            *targetHandle = result;
        else if (result != sourceHandle)
            FileHandles.CloseHandle(result);
        return 1;
    }

    private static OpenFile? DuplicateFile(OpenFile file, uint access, out int error)
    {
        error = 0;
        if (!Posix.Available)
        {
            error = Win32Error.ERROR_NOT_SUPPORTED;
            return null;
        }
        var fd = LinuxProcessApi.Duplicate((int)file.Value);
        if (fd < 0)
        {
            error = HostErrors.FromErrno(-fd);
            return null;
        }
        // The copy shares the open file description (and so the file pointer); share-mode bookkeeping stays with the
        // original handle.
        return new OpenFile(new PosixHostFile(fd), file.Kind, access, file.HostPath, null);
    }


    /// <summary>
    /// BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags) — recorded; inheritance is not enforced;
    /// HANDLE_FLAG_PROTECT_FROM_CLOSE makes CloseHandle fail with ERROR_INVALID_HANDLE, as NtClose refuses such a handle.
    /// </summary>
    [ShimExport("SetHandleInformation")]
    public static int SetHandleInformation(nint handle, uint mask, uint flags)
    {
        if (!Bridge.Handles.TryGet<object>(handle, out var target))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        var box = Flags.GetValue(target, _ => new StrongBox<uint>(0));
        lock (box)
            box.Value = (box.Value & ~mask) | (flags & mask);
        return 1;
    }

    /// <summary>BOOL GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)</summary>
    [ShimExport("GetHandleInformation")]
    public static int GetHandleInformation(nint handle, uint* flags)
    {
        if (!Bridge.Handles.TryGet<object>(handle, out var target))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (flags == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *flags = Flags.TryGetValue(target, out var box) ? box.Value : 0;
        return 1;
    }

    /// <summary>Whether CloseHandle must refuse this handle (HANDLE_FLAG_PROTECT_FROM_CLOSE).</summary>
    internal static bool IsProtected(nint handle) =>
        Bridge.Handles.TryGet<object>(handle, out var target) && Flags.TryGetValue(target, out var box)
        && (Volatile.Read(ref box.Value) & HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0;

    internal static void SetInherit(nint handle, bool inherit)
    {
        if (Bridge.Handles.TryGet<object>(handle, out var target))
            SetInherit(target, inherit);
    }

    private static void SetInherit(object target, bool inherit)
    {
        var box = Flags.GetValue(target, _ => new StrongBox<uint>(0));
        lock (box)
            box.Value = inherit ? box.Value | HANDLE_FLAG_INHERIT : box.Value & ~HANDLE_FLAG_INHERIT;
    }
}
