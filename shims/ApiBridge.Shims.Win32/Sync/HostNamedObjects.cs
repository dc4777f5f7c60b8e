using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Sync.Shared;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// On a Windows host, a named event, mutex or semaphore is the host's own kernel object, made or opened by the host's
/// kernel32 with the guest's name (its Local\ or Global\ prefix included): the processes of the host session share it
/// exactly as Windows defines, down to the last error (ERROR_ALREADY_EXISTS, ERROR_INVALID_HANDLE for another kind,
/// ERROR_FILE_NOT_FOUND). The handle is wrapped in the .NET wait handle of its kind, so waits, SetEvent,
/// ReleaseMutex and ReleaseSemaphore go to it like to any <see cref="LocalSyncObject"/>. Called only when
/// <see cref="OperatingSystem.IsWindows"/> (this assembly is never rewritten: these are the real functions).
/// </summary>
internal static unsafe class HostNamedObjects
{
    private const string Kernel32 = "kernel32.dll";
    private const uint SYNCHRONIZE = 0x00100000, EVENT_MODIFY_STATE = 0x2, MUTEX_MODIFY_STATE = 0x1, SEMAPHORE_MODIFY_STATE = 0x2;

    /// <summary>Create*W of <paramref name="spec"/>'s kind; <paramref name="error"/> is the host's last error (0 or ERROR_ALREADY_EXISTS on success).</summary>
    public static SyncHandle? Create(string name, SharedState spec, out int error)
    {
        nint handle;
        fixed (char* n = name)
        {
            handle = spec.Kind switch
            {
                SharedKind.Event => CreateEventW(0, spec.Flag, spec.Value, n),
                SharedKind.Mutex => CreateMutexW(0, spec.Value > 0 ? 1 : 0, n),
                _ => CreateSemaphoreW(0, spec.Value, spec.Flag, n),
            };
        }
        error = Marshal.GetLastPInvokeError();
        return handle == 0 ? null : Wrap(name, spec.Kind, handle);
    }

    /// <summary>Open*W of <paramref name="kind"/>, with the access the shims use (wait and change state).</summary>
    public static SyncHandle? Open(string name, SharedKind kind, out int error)
    {
        nint handle;
        fixed (char* n = name)
        {
            handle = kind switch
            {
                SharedKind.Event => OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE, 0, n),
                SharedKind.Mutex => OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE, 0, n),
                _ => OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, 0, n),
            };
        }
        error = Marshal.GetLastPInvokeError();
        return handle == 0 ? null : Wrap(name, kind, handle);
    }

    private static SyncHandle Wrap(string name, SharedKind kind, nint handle)
    {
        // .NET makes no wait handle from an existing kernel handle but through SafeWaitHandle: the placeholder's own
        // (unnamed) object is closed first, the host's then belongs to the wrapper and is closed with it.
        var owned = new SafeWaitHandle(handle, ownsHandle: true);
        LocalSyncObject made = kind switch
        {
            SharedKind.Event => new EventObject(name, Adopt(new EventWaitHandle(false, EventResetMode.AutoReset), owned)),
            SharedKind.Mutex => new MutexObject(name, Adopt(new Mutex(false), owned)),
            _ => new SemaphoreObject(name, Adopt(new Semaphore(0, 1), owned)),
        };
        return made.Open();
    }

    private static T Adopt<T>(T placeholder, SafeWaitHandle host) where T : WaitHandle
    {
        placeholder.SafeWaitHandle.Dispose();
        placeholder.SafeWaitHandle = host;
        return placeholder;
    }

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint CreateEventW(nint attributes, int manualReset, int initialState, char* name);

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint CreateMutexW(nint attributes, int initialOwner, char* name);

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint CreateSemaphoreW(nint attributes, int initialCount, int maximumCount, char* name);

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint OpenEventW(uint access, int inherit, char* name);

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint OpenMutexW(uint access, int inherit, char* name);

    [DllImport(Kernel32, SetLastError = true)]
    private static extern nint OpenSemaphoreW(uint access, int inherit, char* name);
}
