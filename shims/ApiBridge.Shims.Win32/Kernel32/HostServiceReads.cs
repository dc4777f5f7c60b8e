using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The per-call reads of the bridge's clock and process services that must cost what the .NET call costs. The
/// services are interfaces so a host or test can replace them. Until one is replaced (no container exists, see
/// <see cref="Bridge.HasContainer"/>) the host's own answer is read directly: one static field test in front of the
/// .NET call (for the tick, in front of <see cref="Support.SystemTick"/>'s kept value, as Windows keeps it). After that, the host's sealed implementations are still called directly when they are the ones in use,
/// and a replaced service still answers.
/// </summary>
internal static class HostServiceReads
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TickCount64()
    {
        if (!Bridge.HasContainer)
            return Support.SystemTick.Milliseconds;
        var clock = Bridge.Clock;
        return clock is SystemClock host ? host.TickCount64 : clock.TickCount64;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UtcNowFileTime()
    {
        if (!Bridge.HasContainer)
            return DateTime.UtcNow.ToFileTimeUtc();
        var clock = Bridge.Clock;
        return clock is SystemClock host ? host.UtcNowFileTime : clock.UtcNowFileTime;
    }

    /// <summary>The id GetCurrentProcessId reports: the one the parent guest sees when it started this one, else the host's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GuestProcessId() =>
        Bridge.HasContainer ? (uint)(Processes.GuestStartup.WindowsProcessId ?? ProcessId()) : DefaultProcessId.Value;

    /// <summary>The id GetCurrentProcessId reports while no container exists: fixed for the process.</summary>
    public static uint DefaultGuestProcessId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => DefaultProcessId.Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ProcessId()
    {
        var environment = Bridge.Environment;
        return environment is HostProcessEnvironment host ? host.ProcessId : environment.ProcessId;
    }

    // Fixed for the life of the process with the default services (the shims' module initializer has read what the
    // parent passed before anything here runs), so it is a static readonly the JIT turns into a constant.
    private static class DefaultProcessId
    {
        public static readonly uint Value = (uint)(Processes.GuestStartup.WindowsProcessId ?? Environment.ProcessId);
    }
}
