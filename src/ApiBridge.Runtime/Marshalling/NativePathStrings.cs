using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>
/// Path arguments a guest hands, as raw NUL-terminated pointers, to a native library the bridge does not shim
/// (SQLitePCLRaw passes <c>sqlite3_open_v2</c> its file name as <c>byte*</c> UTF-8). The platform's path translator
/// decides what the host path is; this only reads the guest's buffer and, when the path changes, writes the host
/// path into a new buffer the caller frees after the native call (the guest's own buffer is never written to: it may
/// be pinned managed memory the guest reuses).
/// </summary>
public static unsafe class NativePathStrings
{
    /// <summary>The host form of a UTF-8 path: <paramref name="path"/> itself when the translator keeps it, else a new
    /// buffer whose address is also stored in <paramref name="allocated"/>.</summary>
    public static byte* Utf8(byte* path, ref nint allocated, Func<string?, string?> toHost)
    {
        if (path == null)
            return path;
        var guest = Marshal.PtrToStringUTF8((nint)path);
        var host = toHost(guest);
        if (ReferenceEquals(host, guest) || host == guest || host is null)
            return path;
        allocated = Marshal.StringToCoTaskMemUTF8(host);
        return (byte*)allocated;
    }

    /// <summary>The same for a UTF-16 path (<c>sqlite3_open16</c>, <c>char*</c> parameters).</summary>
    public static char* Utf16(char* path, ref nint allocated, Func<string?, string?> toHost)
    {
        if (path == null)
            return path;
        var guest = new string(path);
        var host = toHost(guest);
        if (ReferenceEquals(host, guest) || host == guest || host is null)
            return path;
        allocated = Marshal.StringToCoTaskMemUni(host);
        return (char*)allocated;
    }

    /// <summary>Frees what <see cref="Utf8"/> or <see cref="Utf16"/> allocated (nothing when they kept the guest's buffer).</summary>
    public static void Free(nint allocated)
    {
        if (allocated != 0)
            Marshal.FreeCoTaskMem(allocated);
    }
}
