using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>C strings (UTF-8, NUL-terminated) in and out of shims.</summary>
public static unsafe class NativeStrings
{
    private static readonly ConcurrentDictionary<string, IntPtr> persistent = new(StringComparer.Ordinal);

    /// <summary>The string at <paramref name="text"/>, or null for NULL.</summary>
    public static string? Read(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((IntPtr)text);

    /// <summary>
    /// A C string with <paramref name="value"/> that stays valid for the life of the process (getenv's promise:
    /// the pointer outlives later calls). One copy per distinct value, never freed.
    /// </summary>
    public static byte* Persistent(string value) => (byte*)persistent.GetOrAdd(value, static v => (IntPtr)Allocate(v));

    /// <summary>A fresh C string from the C heap (malloc), which the guest frees with free().</summary>
    public static byte* Allocate(string value, nuint minimumSize = 0)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var size = Math.Max((nuint)length + 1, minimumSize);
        var buffer = (byte*)NativeMemory.Alloc(size);
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return buffer;
    }

    /// <summary>Copies <paramref name="value"/> with its NUL into a buffer of <paramref name="size"/> bytes; false when it does not fit.</summary>
    public static bool TryCopy(string value, byte* buffer, nuint size)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if ((nuint)length + 1 > size)
            return false;
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return true;
    }

    /// <summary>Reads a NULL-terminated array of C strings (argv, envp); null for a NULL array.</summary>
    public static List<string>? ReadArray(byte** array)
    {
        if (array == null)
            return null;
        var list = new List<string>();
        for (var i = 0; array[i] != null; i++)
            list.Add(Read(array[i])!);
        return list;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (cut to 63 bytes), terminated, into a 64-byte buffer allocated once into
    /// <paramref name="buffer"/> (a [ThreadStatic] of the caller: libc's per-thread result buffers) and returns it.
    /// </summary>
    public static byte* Fill(ref byte* buffer, string value)
    {
        if (buffer == null)
            buffer = (byte*)NativeMemory.AllocZeroed(64);
        var length = System.Text.Encoding.UTF8.GetBytes(value.AsSpan(0, Math.Min(value.Length, 63)), new Span<byte>(buffer, 63));
        buffer[length] = 0;
        return buffer;
    }
}
