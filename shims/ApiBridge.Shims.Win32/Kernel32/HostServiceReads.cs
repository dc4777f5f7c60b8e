using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The per-call reads of the bridge's clock and process services that must cost what the .NET call costs. The
/// services are interfaces so a host or test can replace them; the host's own implementations are sealed, so testing
/// for one lets the JIT call (and inline) its member directly instead of dispatching through the interface, without
/// depending on dynamic PGO to guess it. A replaced service still answers.
/// </summary>
internal static class HostServiceReads
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TickCount64()
    {
        var clock = Bridge.Clock;
        return clock is SystemClock host ? host.TickCount64 : clock.TickCount64;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UtcNowFileTime()
    {
        var clock = Bridge.Clock;
        return clock is SystemClock host ? host.UtcNowFileTime : clock.UtcNowFileTime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ProcessId()
    {
        var environment = Bridge.Environment;
        return environment is HostProcessEnvironment host ? host.ProcessId : environment.ProcessId;
    }
}
