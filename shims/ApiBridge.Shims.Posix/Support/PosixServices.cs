using ApiBridge.Runtime;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The POSIX shim family's services, from <see cref="Bridge.Resolve{T}"/>: a test or host replaces one with
/// <c>Bridge.Configure(s =&gt; s.AddSingleton(…))</c> (a Windows-host path view on Linux, a fresh descriptor table).
/// </summary>
public static class PosixServices
{
    private static readonly Func<PosixPathView> CreateView = PosixPathView.ForCurrentHost;
    private static readonly Func<FileDescriptorTable> CreateDescriptors = () => new FileDescriptorTable();
    private static readonly Func<ChildProcessTable> CreateChildren = () => new ChildProcessTable();
    private static readonly Func<PosixIdentity> CreateIdentity = PosixIdentity.ForCurrentHost;
    private static readonly Func<UnixModes> CreateModes = UnixModes.ForCurrentHost;
    private static readonly Func<ResourceLimitTable> CreateLimits = () => new ResourceLimitTable();

    public static PosixPathView View => Bridge.Resolve(CreateView);

    public static FileDescriptorTable Descriptors => Bridge.Resolve(CreateDescriptors);

    public static ChildProcessTable Children => Bridge.Resolve(CreateChildren);

    public static PosixIdentity Identity => Bridge.Resolve(CreateIdentity);

    /// <summary>The permission bits recorded for a Windows host's files (<see cref="UnixModes"/>).</summary>
    public static UnixModes Modes => Bridge.Resolve(CreateModes);

    /// <summary>A Windows host's resource limits of the guest process (<see cref="ResourceLimitTable"/>).</summary>
    public static ResourceLimitTable Limits => Bridge.Resolve(CreateLimits);
}
