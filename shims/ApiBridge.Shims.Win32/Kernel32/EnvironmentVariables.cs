using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// kernel32's environment variables, kept by <see cref="Bridge.Environment"/> (case-insensitive names for
/// Windows guests). Conventions checked against Wine's dlls/kernel32/tests/environ.c and Wine 8.0:
/// <list type="bullet">
/// <item>Get…: the length without the terminator when the value fits; otherwise the size needed including it,
/// buffer untouched; success leaves the last error alone (also for an empty value, which returns 0 and writes "").</item>
/// <item>A missing variable, an empty or NULL name: 0 with ERROR_ENVVAR_NOT_FOUND (203).</item>
/// <item>Set…: an empty name or one with '=' after its first character fails with ERROR_INVALID_PARAMETER;
/// a NULL value deletes, and deleting a missing variable succeeds (TRUE, last error untouched).</item>
/// </list>
/// ANSI (A) names and values are UTF-8, and their lengths are in bytes.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class EnvironmentVariables
{
    /// <summary>DWORD GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize)</summary>
    [ShimExport("GetEnvironmentVariableW")]
    public static uint GetEnvironmentVariableW(char* name, char* buffer, uint size)
    {
        var value = Lookup(name == null ? null : Support.RecentName.Of(name));
        if (value is null)
            return 0;
        if (buffer == null || (uint)value.Length >= size)
            return (uint)value.Length + 1;
        value.AsSpan().CopyTo(new Span<char>(buffer, value.Length));
        buffer[value.Length] = '\0';
        return (uint)value.Length;
    }

    /// <summary>DWORD GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize)</summary>
    [ShimExport("GetEnvironmentVariableA")]
    public static uint GetEnvironmentVariableA(byte* name, byte* buffer, uint size)
    {
        var value = Lookup(Utf8(name));
        if (value is null)
            return 0;
        var length = Encoding.UTF8.GetByteCount(value);
        if (buffer == null || (uint)length >= size)
            return (uint)length + 1;
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return (uint)length;
    }

    /// <summary>BOOL SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue) — lpValue NULL deletes the variable.</summary>
    [ShimExport("SetEnvironmentVariableW")]
    public static int SetEnvironmentVariableW(char* name, char* value) =>
        Store(name == null ? null : new string(name), value == null ? null : new string(value));

    /// <summary>BOOL SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue) — lpValue NULL deletes the variable.</summary>
    [ShimExport("SetEnvironmentVariableA")]
    public static int SetEnvironmentVariableA(byte* name, byte* value) => Store(Utf8(name), Utf8(value));

    /// <summary>The variable's value, or null after setting ERROR_ENVVAR_NOT_FOUND.</summary>
    private static string? Lookup(string? name)
    {
        var value = string.IsNullOrEmpty(name) ? null : FileSystem.GuestFileSystem.CurrentEnvironmentValue(name);
        if (value is null)
            LastError.Set(Win32Error.ERROR_ENVVAR_NOT_FOUND);
        return value;
    }

    private static int Store(string? name, string? value)
    {
        if (name is null)
        {
            // Wine 8.0 answers ERROR_ENVVAR_NOT_FOUND; Windows Vista+ faults (Wine's tests skip it).
            LastError.Set(Win32Error.ERROR_ENVVAR_NOT_FOUND);
            return 0;
        }
        if (name.Length == 0 || name.IndexOf('=', 1) >= 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        Bridge.Environment.SetVariable(name, value);
        return 1;
    }

    internal static string? Utf8(byte* text) =>
        text == null ? null : Encoding.UTF8.GetString(new ReadOnlySpan<byte>(text, IndexOfNul(text)));

    private static int IndexOfNul(byte* text)
    {
        var length = 0;
        while (text[length] != 0)
            length++;
        return length;
    }
}
