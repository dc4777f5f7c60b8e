using System.Net;
using System.Net.Sockets;
using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The machine's other names: getdomainname/setdomainname, sethostname, gethostid, cuserid, setlogin and the
/// /etc/shells list (getusershell). A Linux host answers and acts itself; on a Windows host the guest is an
/// unprivileged user (it never holds CAP_SYS_ADMIN), so the setters are EPERM, and the NIS domain is unset, which
/// Linux shows as "(none)". gethostid and getusershell read the guest's own /etc (through the view) on every host, as
/// glibc reads the files; setlogin is a glibc stub (ENOSYS) on Linux itself.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class SystemNames
{
    /// <summary>__NEW_UTS_LEN: the longest host or domain name the kernel keeps.</summary>
    private const int UtsLength = 64;

    /// <summary>
    /// int getdomainname(char *name, size_t len) — glibc copies the name with its terminator, cut to len bytes
    /// (without a terminator then) and never fails for a short buffer.
    /// </summary>
    [ShimExport("getdomainname")]
    public static int getdomainname(byte* name, nuint len)
    {
        if (HostLibc.Available)
            return HostLibc.getdomainname(name, len) == 0 ? 0 : Fail(HostLibc.Errno);
        var bytes = Encoding.UTF8.GetBytes("(none)\0");
        var count = (int)Math.Min((nuint)bytes.Length, len);
        if (name == null && count > 0)
            return Fail(Errno.EFAULT);
        bytes.AsSpan(0, count).CopyTo(new Span<byte>(name, count));
        return 0;
    }

    /// <summary>int sethostname(const char *name, size_t len) — CAP_SYS_ADMIN first (EPERM), then len over 64: EINVAL.</summary>
    [ShimExport("sethostname")]
    public static int sethostname(byte* name, nuint len) =>
        HostLibc.Available ? (HostLibc.sethostname(name, len) == 0 ? 0 : Fail(HostLibc.Errno)) : Unprivileged(len);

    /// <summary>int setdomainname(const char *name, size_t len) — as sethostname.</summary>
    [ShimExport("setdomainname")]
    public static int setdomainname(byte* name, nuint len) =>
        HostLibc.Available ? (HostLibc.setdomainname(name, len) == 0 ? 0 : Fail(HostLibc.Errno)) : Unprivileged(len);

    /// <summary>The kernel checks the capability before the length: an unprivileged caller hears EPERM whatever it passed.</summary>
    private static int Unprivileged(nuint len) =>
        Fail(PosixServices.Identity.EffectiveUid != 0 ? Errno.EPERM : len > UtsLength ? Errno.EINVAL : Errno.EPERM);

    /// <summary>int setlogin(const char *name) — glibc on Linux has no implementation (a stub): -1 with ENOSYS, on every host.</summary>
    [ShimExport("setlogin", Refuses = "glibc has only a stub on Linux: ENOSYS")]
    public static int setlogin(byte* name) => Fail(Errno.ENOSYS);

    /// <summary>
    /// long gethostid(void) — as glibc finds it: the 4 bytes of /etc/hostid when that file exists, else the host
    /// name's first IPv4 address with its 16-bit halves swapped; 0 when neither can be had.
    /// </summary>
    [ShimExport("gethostid")]
    public static long gethostid()
    {
        if (PosixServices.View.Resolve("/etc/hostid", out var file) == 0)
        {
            try
            {
                var bytes = File.ReadAllBytes(file.Host);
                if (bytes.Length >= 4)
                    return BitConverter.ToInt32(bytes, 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No such file: the address below, as glibc falls back.
            }
        }
        try
        {
            var address = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (address is null)
                return 0;
            // s_addr in network order read as a little-endian int, rotated by 16 and kept as a 32-bit int.
            var raw = BitConverter.ToUInt32(address.GetAddressBytes(), 0);
            return (int)((raw << 16) | (raw >> 16));
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    [ThreadStatic] private static byte* userBuffer;

    /// <summary>L_cuserid: the size of cuserid's buffer.</summary>
    public const int L_cuserid = 9;

    /// <summary>
    /// char *cuserid(char *s) — the effective user's name, strncpy'd into s (or a per-thread buffer when s is NULL)
    /// with L_cuserid (9) bytes: a longer name is cut and not terminated, as glibc's strncpy leaves it.
    /// </summary>
    [ShimExport("cuserid")]
    public static byte* cuserid(byte* s)
    {
        if (HostLibc.Available)
            return HostLibc.cuserid(s);
        if (s == null)
            s = userBuffer != null ? userBuffer : userBuffer = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(L_cuserid);
        var name = Encoding.UTF8.GetBytes(PosixPathView.GuestUserName());
        var span = new Span<byte>(s, L_cuserid);
        span.Clear();
        name.AsSpan(0, Math.Min(name.Length, L_cuserid)).CopyTo(span);
        return s;
    }

    private static List<string>? shells;
    private static int nextShell;

    /// <summary>
    /// char *getusershell(void) — the next shell of /etc/shells (each line's text from its first '/' up to a space or
    /// '#'; lines without one skipped); NULL after the last. Without the file: /bin/sh and /bin/csh, glibc's defaults.
    /// </summary>
    [ShimExport("getusershell")]
    public static byte* getusershell()
    {
        lock (typeof(SystemNames))
        {
            shells ??= ReadShells();
            return nextShell < shells.Count ? NativeStrings.Persistent(shells[nextShell++]) : null;
        }
    }

    /// <summary>void setusershell(void) — the list is read again and starts over.</summary>
    [ShimExport("setusershell")]
    public static void setusershell()
    {
        lock (typeof(SystemNames))
        {
            shells = ReadShells();
            nextShell = 0;
        }
    }

    /// <summary>void endusershell(void) — forgets the list; the next getusershell reads it again from the start.</summary>
    [ShimExport("endusershell")]
    public static void endusershell()
    {
        lock (typeof(SystemNames))
        {
            shells = null;
            nextShell = 0;
        }
    }

    private static List<string> ReadShells()
    {
        string[] lines;
        try
        {
            if (PosixServices.View.Resolve("/etc/shells", out var file) != 0)
                return ["/bin/sh", "/bin/csh"];
            lines = File.ReadAllLines(file.Host);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ["/bin/sh", "/bin/csh"];
        }
        var list = new List<string>();
        foreach (var line in lines)
        {
            var start = line.IndexOfAny(['#', '/']);
            if (start < 0 || line[start] == '#')
                continue;
            var end = start;
            while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] != '#')
                end++;
            list.Add(line[start..end]);
        }
        return list;
    }
}
