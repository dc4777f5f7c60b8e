using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The system's names and limits, and the calls reserved to root: gethostname, getlogin(_r), getpagesize,
/// getdtablesize, sync, nice, acct, chroot. A Linux host answers and acts itself. On a Windows host: the host name is
/// Windows' DNS host name; the login name is the view's user (the one of /home/&lt;user&gt;); the descriptor table
/// holds <see cref="FileDescriptorTable.Limit"/> descriptors; sync flushes every file the guest has open for writing
/// (Windows has no whole-system flush a user may call); nice is kept per process and shown to Windows as the
/// process's priority class; acct and chroot need root, which a guest never is there: EPERM after the path checks
/// Linux makes first.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class SystemInfo
{
    private static int niceness;

    /// <summary>
    /// int gethostname(char *name, size_t len) — a name longer than len − 1 bytes is cut to len bytes (no terminator)
    /// and the call fails with ENAMETOOLONG, as glibc does.
    /// </summary>
    [ShimExport("gethostname")]
    public static int gethostname(byte* name, nuint len)
    {
        var bytes = Encoding.UTF8.GetBytes(System.Net.Dns.GetHostName() + "\0");
        if (name == null && len > 0)
            return Fail(Errno.EFAULT);
        var count = (int)Math.Min((nuint)bytes.Length, len);
        bytes.AsSpan(0, count).CopyTo(new Span<byte>(name, count));
        return (nuint)bytes.Length > len ? Fail(Errno.ENAMETOOLONG) : 0;
    }

    /// <summary>char *getlogin(void) — the user logged in on the controlling terminal.</summary>
    [ShimExport("getlogin")]
    public static byte* getlogin()
    {
        if (HostLibc.Available)
        {
            var host = HostLibc.getlogin();
            return host != null ? host : FailNull<byte>(HostLibc.Errno);
        }
        return NativeStrings.Persistent(PosixPathView.GuestUserName());
    }

    /// <summary>int getlogin_r(char *buf, size_t bufsize) — an error number (ERANGE when it does not fit), errno untouched.</summary>
    [ShimExport("getlogin_r")]
    public static int getlogin_r(byte* buf, nuint bufsize)
    {
        var saved = ApiBridge.Runtime.LastError.Value;
        var name = NativeStrings.Read(getlogin());
        if (name is null)
        {
            var error = ApiBridge.Runtime.LastError.Value;
            ApiBridge.Runtime.LastError.Set(saved);
            return error;
        }
        return NativeStrings.TryCopy(name, buf, bufsize) ? 0 : Errno.ERANGE;
    }

    /// <summary>int getpagesize(void)</summary>
    [ShimExport("getpagesize")]
    public static int getpagesize() => System.Environment.SystemPageSize;

    /// <summary>int getdtablesize(void) — how many descriptors a process may have open.</summary>
    [ShimExport("getdtablesize")]
    public static int getdtablesize() => HostLibc.Available ? HostLibc.getdtablesize() : FileDescriptorTable.Limit;

    /// <summary>void sync(void)</summary>
    [ShimExport("sync")]
    public static void sync()
    {
        if (HostLibc.Available)
        {
            HostLibc.sync();
            return;
        }
        var table = PosixServices.Descriptors;
        for (var fd = 0; fd < FileDescriptorTable.Limit; fd++)
        {
            if (table.Get(fd) is { Kind: DescriptionKind.Regular, CanWrite: true, Handle: { } handle })
            {
                try
                {
                    RandomAccess.FlushToDisk(handle);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    // sync reports nothing; a file closed meanwhile has nothing left to flush.
                }
            }
        }
    }

    /// <summary>
    /// int nice(int inc) — the new nice value, kept within −20…19; lowering it needs root (EPERM). A result of −1 is
    /// a value, not an error, unless errno was set (callers clear errno first, as the man page says).
    /// </summary>
    [ShimExport("nice")]
    public static int nice(int inc)
    {
        if (HostLibc.Available)
        {
            ApiBridge.Runtime.LastError.Set(0);
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            var result = HostLibc.nice(inc);
            return result == -1 && HostLibc.Errno != 0 ? Fail(HostLibc.Errno) : result;
        }
        lock (typeof(SystemInfo))
        {
            var wanted = Math.Clamp((long)niceness + inc, -20, 19);
            if (wanted < niceness && PosixServices.Identity.EffectiveUid != 0)
                return Fail(Errno.EPERM);
            niceness = (int)wanted;
            try
            {
                using var self = HostProcess.GetCurrentProcess();
                self.PriorityClass = PriorityClassOf(niceness);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or PlatformNotSupportedException)
            {
                // The value is the guest's to read back; Windows' scheduling is a best effort.
            }
            return niceness;
        }
    }

    /// <summary>Windows' priority class nearest to a nice value.</summary>
    public static System.Diagnostics.ProcessPriorityClass PriorityClassOf(int nice) => nice switch
    {
        >= 15 => System.Diagnostics.ProcessPriorityClass.Idle,
        > 0 => System.Diagnostics.ProcessPriorityClass.BelowNormal,
        0 => System.Diagnostics.ProcessPriorityClass.Normal,
        >= -10 => System.Diagnostics.ProcessPriorityClass.AboveNormal,
        _ => System.Diagnostics.ProcessPriorityClass.High,
    };

    /// <summary>int acct(const char *filename) — process accounting; needs CAP_SYS_PACCT (EPERM), checked first.</summary>
    [ShimExport("acct")]
    public static int acct(byte* filename)
    {
        if (HostLibc.Available)
        {
            if (filename == null)
                return HostLibc.acct(null) == 0 ? 0 : Fail(HostLibc.Errno);
            var error = Resolve(filename, out var path);
            if (error != 0)
                return Fail(error);
            fixed (byte* host = HostLibc.Z(path.Host))
                return HostLibc.acct(host) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        return Fail(Errno.EPERM);
    }

    /// <summary>int chroot(const char *path) — missing: ENOENT; not a folder: ENOTDIR; then CAP_SYS_CHROOT (EPERM).</summary>
    [ShimExport("chroot")]
    public static int chroot(byte* path)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return Fail(error);
        if (HostLibc.Available)
        {
            fixed (byte* host = HostLibc.Z(resolved.Host))
                return HostLibc.chroot(host) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        var folderError = HostFiles.DirectoryError(resolved, follow: true);
        return Fail(folderError != 0 ? folderError : Errno.EPERM);
    }
}
