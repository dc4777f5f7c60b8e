using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// getenv/setenv/unsetenv over <see cref="Bridge.Environment"/>, and the user/group ids from <see cref="PosixIdentity"/>.
/// getenv's pointers stay valid for the life of the process. When the path view is not the identity
/// (Windows host, isolated mode), HOME reads as the view's home (<c>/home/&lt;user&gt;</c>), not the host's: getenv
/// answers from <see cref="GuestEnvironment"/>, the block the managed view's <c>Environment</c> reads too.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class Environment
{
    /// <summary>char *getenv(const char *name) — NULL when unset.</summary>
    [ShimExport("getenv")]
    [ShimExport("secure_getenv")]
    public static byte* getenv(byte* name)
    {
        var key = NativeStrings.Read(name);
        if (string.IsNullOrEmpty(key))
            return null;
        var value = GuestEnvironment.Get(key);
        return value is null ? null : NativeStrings.Persistent(value);
    }

    /// <summary>int setenv(const char *name, const char *value, int overwrite) — EINVAL for an empty name or one with '='.</summary>
    [ShimExport("setenv")]
    public static int setenv(byte* name, byte* value, int overwrite)
    {
        var key = NativeStrings.Read(name);
        if (string.IsNullOrEmpty(key) || key.Contains('='))
            return Fail(Errno.EINVAL);
        if (value == null)
            return Fail(Errno.EINVAL);
        if (overwrite == 0 && Bridge.Environment.GetVariable(key) is not null)
            return 0;
        GuestEnvironment.Set(key, NativeStrings.Read(value));
        return 0;
    }

    /// <summary>int unsetenv(const char *name) — 0 also for a missing name; EINVAL for an empty name or one with '='.</summary>
    [ShimExport("unsetenv")]
    public static int unsetenv(byte* name)
    {
        var key = NativeStrings.Read(name);
        if (string.IsNullOrEmpty(key) || key.Contains('='))
            return Fail(Errno.EINVAL);
        GuestEnvironment.Set(key, null);
        return 0;
    }

    /// <summary>
    /// int putenv(char *string) — "NAME=value" sets NAME (replacing a value); a string without '=' unsets that name,
    /// as glibc does; always 0. glibc keeps the caller's string itself in the environment, so a later change to it
    /// changes the variable; the bridge's block is not the guest's memory, so the value is copied at the call.
    /// A name that is empty ("=value") is not kept (.NET's environment holds no such variable).
    /// </summary>
    [ShimExport("putenv")]
    public static int putenv(byte* text)
    {
        var entry = NativeStrings.Read(text);
        if (entry is null)
            return Fail(Errno.EFAULT);
        var equals = entry.IndexOf('=');
        if (equals < 0)
        {
            if (entry.Length > 0)
                GuestEnvironment.Set(entry, null);
            return 0;
        }
        if (equals > 0)
            GuestEnvironment.Set(entry[..equals], entry[(equals + 1)..]);
        return 0;
    }

    /// <summary>
    /// int clearenv(void) — removes every variable; 0. (The <c>environ</c> array is a data symbol, which no P/Invoke
    /// can import; a guest that looks it up with NativeLibrary.GetExport gets <see cref="EnvironBlock"/>'s.)
    /// </summary>
    [ShimExport("clearenv")]
    public static int clearenv()
    {
        foreach (var (name, _) in Bridge.Environment.GetVariables().ToList())
            Bridge.Environment.SetVariable(name, null);
        EnvironBlock.Changed(); // once for the lot
        return 0;
    }

    /// <summary>uid_t getuid(void) — the real id on Linux; 1000 on Windows hosts.</summary>
    [ShimExport("getuid")]
    public static uint getuid() => PosixServices.Identity.Uid;

    /// <summary>uid_t geteuid(void)</summary>
    [ShimExport("geteuid")]
    public static uint geteuid() => PosixServices.Identity.EffectiveUid;

    /// <summary>gid_t getgid(void)</summary>
    [ShimExport("getgid")]
    public static uint getgid() => PosixServices.Identity.Gid;

    /// <summary>gid_t getegid(void)</summary>
    [ShimExport("getegid")]
    public static uint getegid() => PosixServices.Identity.EffectiveGid;
}
