using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// getpwnam/getpwuid and their _r forms, as glibc's files backend answers them: lines of the guest's /etc/passwd
/// (through the view, as getgrouplist reads /etc/group). The guest's own user is always found: when the file does
/// not list it (a Windows host's view has no /etc/passwd) it is made up as the view shows it — its name, uid and gid,
/// no comment, the view's home, /bin/sh. Other NSS sources (LDAP, systemd's dynamic users) are not asked.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class Passwords
{
    /// <summary>struct passwd (x86-64): pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell — 48 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public byte* pw_name;
        public byte* pw_passwd;
        public uint pw_uid;
        public uint pw_gid;
        public byte* pw_gecos;
        public byte* pw_dir;
        public byte* pw_shell;
    }

    private static readonly Passwd* Static = (Passwd*)NativeMemory.AllocZeroed((nuint)sizeof(Passwd));
    private const int StaticBufferSize = 4096;
    private static readonly byte* StaticBuffer = (byte*)NativeMemory.AllocZeroed(StaticBufferSize);

    /// <summary>struct passwd *getpwnam(const char *name) — NULL with errno untouched when there is no such user.</summary>
    [ShimExport("getpwnam")]
    public static Passwd* getpwnam(byte* name)
    {
        var wanted = NativeStrings.Read(name);
        return wanted is null ? null : ToStatic(Find(fields => fields[0] == wanted));
    }

    /// <summary>struct passwd *getpwuid(uid_t uid)</summary>
    [ShimExport("getpwuid")]
    public static Passwd* getpwuid(uint uid) => ToStatic(Find(fields => fields[2] == uid.ToString()));

    /// <summary>
    /// int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result) — 0 with
    /// *result = pwd (its strings in buf), 0 with *result = NULL for no such user, ERANGE when buf cannot hold them.
    /// </summary>
    [ShimExport("getpwnam_r")]
    public static int getpwnam_r(byte* name, Passwd* pwd, byte* buf, nuint buflen, Passwd** result)
    {
        var wanted = NativeStrings.Read(name);
        return Fill(wanted is null ? null : Find(fields => fields[0] == wanted), pwd, buf, buflen, result);
    }

    /// <summary>int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result)</summary>
    [ShimExport("getpwuid_r")]
    public static int getpwuid_r(uint uid, Passwd* pwd, byte* buf, nuint buflen, Passwd** result) =>
        Fill(Find(fields => fields[2] == uid.ToString()), pwd, buf, buflen, result);

    /// <summary>The first entry that matches (seven fields), the guest's own user if the file has none for it, or null.</summary>
    internal static string[]? Find(Func<string[], bool> matches)
    {
        if (PosixServices.View.Resolve("/etc/passwd", out var file) == 0)
        {
            try
            {
                foreach (var line in File.ReadLines(file.Host))
                {
                    var fields = line.Split(':');
                    if (fields.Length == 7 && matches(fields))
                        return fields;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No passwd file (a Windows host's view): only the guest's own user below.
            }
        }
        var own = OwnUser();
        return matches(own) ? own : null;
    }

    /// <summary>The guest's own user as the view shows it.</summary>
    internal static string[] OwnUser()
    {
        // The view's home is /home/<user> when the view is not the host's own: the same user name getlogin gives.
        var viewHome = PosixServices.View.HomeGuestPath;
        var name = viewHome is not null ? viewHome[(viewHome.LastIndexOf('/') + 1)..] : PosixPathView.GuestUserName();
        var identity = PosixServices.Identity;
        var home = viewHome ?? Bridge.Environment.GetVariable("HOME") ?? "/home/" + name;
        return [name, "x", identity.Uid.ToString(), identity.Gid.ToString(), "", home, "/bin/sh"];
    }

    private static Passwd* ToStatic(string[]? fields)
    {
        if (fields is null)
            return null;
        Passwd* result;
        // Longer than the static buffer is impossible for a real passwd line; glibc would grow it, ERANGE is never seen.
        return Fill(fields, Static, StaticBuffer, StaticBufferSize, &result) == 0 ? result : null;
    }

    private static int Fill(string[]? fields, Passwd* pwd, byte* buf, nuint buflen, Passwd** result)
    {
        *result = null;
        if (fields is null)
            return 0;
        var strings = new[] { fields[0], fields[1], fields[4], fields[5], fields[6] }.Select(s => Encoding.UTF8.GetBytes(s + "\0")).ToArray();
        if ((nuint)strings.Sum(s => s.Length) > buflen)
            return Errno.ERANGE;
        var pointers = new byte*[strings.Length];
        var at = buf;
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i].CopyTo(new Span<byte>(at, strings[i].Length));
            pointers[i] = at;
            at += strings[i].Length;
        }
        pwd->pw_name = pointers[0];
        pwd->pw_passwd = pointers[1];
        pwd->pw_uid = uint.TryParse(fields[2], out var uid) ? uid : 0;
        pwd->pw_gid = uint.TryParse(fields[3], out var gid) ? gid : 0;
        pwd->pw_gecos = pointers[2];
        pwd->pw_dir = pointers[3];
        pwd->pw_shell = pointers[4];
        *result = pwd;
        return 0;
    }
}
