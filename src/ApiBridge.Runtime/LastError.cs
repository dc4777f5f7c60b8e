using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ApiBridge.Runtime;

/// <summary>
/// The guest's per-thread last-error value: what kernel32's GetLastError returns for Windows guests,
/// what <c>errno</c> holds for POSIX guests. Shims write it; generated adapters publish it to the
/// runtime exactly where the real P/Invoke marshaller would, so <c>Marshal.GetLastWin32Error()</c>
/// and <c>GetLastPInvokeError()</c> show what they show on the guest's platform.
/// </summary>
public static class LastError
{
    [ThreadStatic]
    private static int value;

    /// <summary>The current thread's last error.</summary>
    public static int Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => value;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => LastError.value = value;
    }

    /// <summary>Sets the last error (a shim failing, or succeeding with an informational code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(int code) => value = code;

    /// <summary>
    /// Called by adapters of <c>SetLastError=true</c> declarations before the shim runs: the runtime's
    /// marshaller clears the error before such a call, so a successful call that sets nothing reads 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClearForCall() => value = 0;

    /// <summary>
    /// Called by adapters of <c>SetLastError=true</c> declarations after the shim returns: makes the shim's
    /// error what <c>Marshal.GetLastPInvokeError()</c> reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PublishToPInvokeError() => Marshal.SetLastPInvokeError(value);

    /// <summary>
    /// Called by adapters of declarations nested in <c>[LibraryImport]</c> stubs: the generated stub reads the
    /// error with <c>Marshal.GetLastSystemError()</c> (the host's own errno/GetLastError) right after the
    /// inner call, so the shim's value is placed there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PublishToSystemError() => Marshal.SetLastSystemError(value);
}
