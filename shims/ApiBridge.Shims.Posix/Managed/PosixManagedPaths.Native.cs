using ApiBridge.Runtime.Marshalling;

namespace ApiBridge.Shims.Posix.Managed;

// Path arguments of native libraries the bridge does not shim (SQLite's sqlite3_open_v2 …), for a Linux guest on
// a Windows host: the library is the host's build, so /tmp/app.db must reach it as the host path the view maps it to.
public static partial class PosixManagedPaths
{
    private static readonly Func<string?, string?> NativeToHost = ToHostForNative;

    /// <summary>
    /// The host path for a native library's path argument, translated only when it is an absolute POSIX path
    /// (<c>/…</c>); anything else (<c>:memory:</c>, a <c>file:</c> URI, a relative name, which means the same on both
    /// hosts) is returned as the same instance. A path the guest may not reach throws as <see cref="ToHost"/> does.
    /// </summary>
    public static string? ToHostForNative(string? path) => path is { Length: > 0 } && path[0] == '/' ? ToHost(path) : path;

    /// <summary>The same for a NUL-terminated UTF-8 argument (<c>byte*</c>); a changed path is written to a new buffer stored in <paramref name="allocated"/>.</summary>
    public static unsafe byte* ToHostForNative(byte* path, ref nint allocated) => NativePathStrings.Utf8(path, ref allocated, NativeToHost);

    /// <summary>The same for a NUL-terminated UTF-16 argument (<c>char*</c>).</summary>
    public static unsafe char* ToHostForNative(char* path, ref nint allocated) => NativePathStrings.Utf16(path, ref allocated, NativeToHost);

    /// <summary>Frees the buffer a pointer overload allocated, after the native call (nothing when it kept the guest's).</summary>
    public static void FreeForNative(nint allocated) => NativePathStrings.Free(allocated);
}
