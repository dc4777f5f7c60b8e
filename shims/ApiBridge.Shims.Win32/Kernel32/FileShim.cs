using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>What the file shims share: string conversions, the handle lookup, the buffer conventions.</summary>
internal static unsafe class FileShim
{
    public static readonly nint InvalidHandleValue = -1;

    public static string? Wide(char* text) => text == null ? null : new string(text);

    /// <summary>ANSI strings are UTF-8 here (as in the environment shims).</summary>
    public static string? Ansi(byte* text) => EnvironmentVariables.Utf8(text);

    public static int Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }

    /// <summary>The file object behind a handle; ERROR_INVALID_HANDLE when there is none (closed, bogus, another kind).</summary>
    public static bool TryGetFile(nint handle, out OpenFile file)
    {
        if (Bridge.Handles.TryGet(handle, out file))
            return true;
        LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
        return false;
    }

    /// <summary>
    /// The convention of GetCurrentDirectoryW, GetTempPathW, GetFullPathNameW …: when <paramref name="value"/> fits
    /// (with its terminator) it is copied and its length returned; otherwise the size needed including the
    /// terminator is returned and the buffer left alone.
    /// </summary>
    public static uint CopyOut(string value, char* buffer, uint size)
    {
        if (buffer == null || (uint)value.Length >= size)
            return (uint)value.Length + 1;
        value.AsSpan().CopyTo(new Span<char>(buffer, value.Length));
        buffer[value.Length] = '\0';
        return (uint)value.Length;
    }

    /// <summary><see cref="CopyOut(string, char*, uint)"/> for ANSI (UTF-8) buffers, lengths in bytes.</summary>
    public static uint CopyOut(string value, byte* buffer, uint size)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (buffer == null || (uint)length >= size)
            return (uint)length + 1;
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return (uint)length;
    }

    public const uint FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_HIDDEN = 0x2, FILE_ATTRIBUTE_SYSTEM = 0x4,
        FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_ARCHIVE = 0x20, FILE_ATTRIBUTE_NORMAL = 0x80;

    /// <summary>
    /// Windows attributes of a host file, as Wine shows them: folders DIRECTORY, files ARCHIVE; READONLY when the
    /// owner may not write (files only); HIDDEN for Unix dot-files.
    /// </summary>
    public static uint Attributes(in HostStat stat, string name) => Attributes(stat, name.AsSpan());

    /// <inheritdoc cref="Attributes(in HostStat, string)"/>
    public static uint Attributes(in HostStat stat, ReadOnlySpan<char> name)
    {
        uint attributes = stat.IsDirectory ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
        if (!stat.IsDirectory && stat.IsReadOnly)
            attributes |= FILE_ATTRIBUTE_READONLY;
        if (name.Length > 1 && name[0] == '.' && !name.SequenceEqual(".."))
            attributes |= FILE_ATTRIBUTE_HIDDEN;
        return attributes;
    }

    public static void Split(long value, out uint high, out uint low)
    {
        high = (uint)((ulong)value >> 32);
        low = (uint)value;
    }

    public static FILETIME Time(long fileTime) => FILETIME.FromValue((ulong)fileTime);
}
