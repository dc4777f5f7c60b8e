using System.Runtime.InteropServices;

namespace NativePathUser;

/// <summary>
/// Declarations of a native library the bridge does not shim. libdl.so.2 resolves libc's symbols through its
/// dependency on libc, yet is not the libc family the bridge binds, so <c>strdup</c> here is an unshimmed native
/// function that hands back exactly the text it was given: what the "native library" saw.
/// </summary>
public static unsafe class Echo
{
    private const string Library = "libdl.so.2";

    // Path parameters by name, in each shape: string (marshalled as UTF-8), byte* UTF-8, char* UTF-16.
    [DllImport(Library, EntryPoint = "strdup")]
    public static extern IntPtr Path(string path);

    [DllImport(Library, EntryPoint = "strdup")]
    public static extern IntPtr FileName(byte* filename);

    [DllImport(Library, EntryPoint = "strdup")]
    public static extern IntPtr DatabasePath(sbyte* dbPath);

    [DllImport(Library, EntryPoint = "strlen")]
    public static extern nuint Utf16Length(char* directory);

    // Not paths: a string named otherwise, and an IntPtr named "file" (as likely a handle as a string).
    [DllImport(Library, EntryPoint = "strdup")]
    public static extern IntPtr Text(string text);

    [DllImport(Library, EntryPoint = "strdup")]
    public static extern IntPtr Handle(IntPtr file);

    [DllImport(Library, EntryPoint = "free")]
    public static extern void Free(IntPtr memory);
}

/// <summary>SQLitePCLRaw's declarations, as its e_sqlite3 provider makes them (never called: the library is not there).</summary>
public static unsafe class Sqlite
{
    [DllImport("e_sqlite3", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_open_v2(byte* filename, out IntPtr db, int flags, byte* vfs);

    [DllImport("e_sqlite3", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_open16(IntPtr filename, out IntPtr db);

    [DllImport("e_sqlite3", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int sqlite3_exec(IntPtr db, byte* sql, IntPtr callback, IntPtr arg, out IntPtr error);
}

/// <summary>What a guest does with them: the text the native side received.</summary>
public static unsafe class Calls
{
    public static string ThroughString(string path) => Take(Echo.Path(path));

    public static string ThroughUtf8(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return Take(Echo.FileName(p));
    }

    public static string ThroughSbyte(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return Take(Echo.DatabasePath((sbyte*)p));
    }

    /// <summary>strlen of a UTF-16 buffer stops at the first zero byte: 1 for an ASCII guest path; for a host path too.
    /// Only the call's success matters here (the buffer is read, translated, freed).</summary>
    public static long ThroughUtf16(string path)
    {
        fixed (char* p = path)
            return (long)Echo.Utf16Length(p);
    }

    public static string ThroughText(string text) => Take(Echo.Text(text));

    public static string ThroughDelegate(string path)
    {
        Func<string, IntPtr> echo = Echo.Path;
        return Take(echo(path));
    }

    private static string Take(IntPtr copy)
    {
        var text = Marshal.PtrToStringUTF8(copy)!;
        Echo.Free(copy);
        return text;
    }
}
