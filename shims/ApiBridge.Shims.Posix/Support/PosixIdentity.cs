namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The user and group ids a POSIX guest sees. On a Linux host, the real ones; on a Windows host (which has SIDs,
/// not numbers) a fixed, documented answer: uid = gid = 1000, the first regular user on most Linux systems.
/// </summary>
public sealed class PosixIdentity
{
    public const uint WindowsHostUid = 1000;
    public const uint WindowsHostGid = 1000;

    public PosixIdentity(uint uid, uint euid, uint gid, uint egid)
    {
        Uid = uid;
        EffectiveUid = euid;
        Gid = gid;
        EffectiveGid = egid;
    }

    public uint Uid { get; }
    public uint EffectiveUid { get; }
    public uint Gid { get; }
    public uint EffectiveGid { get; }

    public static PosixIdentity ForCurrentHost()
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                return new PosixIdentity(HostNative.getuid(), HostNative.geteuid(), HostNative.getgid(), HostNative.getegid());
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }
        }
        return new PosixIdentity(WindowsHostUid, WindowsHostUid, WindowsHostGid, WindowsHostGid);
    }
}
