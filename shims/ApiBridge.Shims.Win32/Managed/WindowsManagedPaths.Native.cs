using ApiBridge.Runtime.Marshalling;

namespace ApiBridge.Shims.Win32.Managed;

// Path arguments of native libraries the bridge does not shim (SQLite's sqlite3_open_v2 …): the library is the
// host's build, so a guest path such as C:\users\root\Temp\app.db must reach it as the host path it names, or the
// library makes a file literally named "C:\users\…" in the current folder.
public static partial class WindowsManagedPaths
{
    private static readonly Func<string?, string?> NativeToHost = ToHostForNative;

    /// <summary>
    /// The host path for a native library's path argument, translated only when the text is unmistakably a Windows
    /// path: rooted at a drive (<c>C:\</c>, <c>C:/</c>), a UNC or <c>\\?\</c> path, or a relative path that uses
    /// <c>\</c>. Anything else — <c>:memory:</c>, a <c>file:</c> URI, a plain name, a host path — is returned as the
    /// same instance, because a native library's string parameter named "path" may not be a file path at all.
    /// A path the guest may not reach (isolation) throws as <see cref="ToHost"/> does rather than reach the library.
    /// </summary>
    public static string? ToHostForNative(string? path) => LooksLikeWindowsPath(path) ? ToHost(path) : path;

    /// <summary>The same for a NUL-terminated UTF-8 argument (<c>byte*</c>); a changed path is written to a new buffer stored in <paramref name="allocated"/>.</summary>
    public static unsafe byte* ToHostForNative(byte* path, ref nint allocated) => NativePathStrings.Utf8(path, ref allocated, NativeToHost);

    /// <summary>The same for a NUL-terminated UTF-16 argument (<c>char*</c>).</summary>
    public static unsafe char* ToHostForNative(char* path, ref nint allocated) => NativePathStrings.Utf16(path, ref allocated, NativeToHost);

    /// <summary>Frees the buffer a pointer overload allocated, after the native call (nothing when it kept the guest's).</summary>
    public static void FreeForNative(nint allocated) => NativePathStrings.Free(allocated);

    internal static bool LooksLikeWindowsPath(string? path)
    {
        if (HostIsWindows || string.IsNullOrEmpty(path))
            return false;
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/')
            return true;
        if (path.StartsWith(@"\\", StringComparison.Ordinal))
            return true;
        // A relative or drive-rooted (\dir\file) path in Windows form; a colon means a URI, :memory: or C:x, left alone.
        return path.Contains('\\') && !path.Contains(':');
    }
}
