using System.Runtime.InteropServices;
using System.Text;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>
/// What generated adapters call for string parameters the runtime marshaller would copy: ANSI and UTF-8
/// strings, and <see cref="StringBuilder"/> buffers. Unicode <see cref="string"/> inputs need no helper:
/// adapters pin them, as the marshaller does.
/// </summary>
/// <remarks>
/// ANSI is UTF-8 here: it is what .NET uses for <c>CharSet.Ansi</c> on non-Windows hosts and what a
/// UTF-8 code page Windows shows; guests passing only ASCII cannot tell the difference.
/// </remarks>
public static unsafe class StringMarshaller
{
    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/> (null stays null). Free with <see cref="Free"/>.</summary>
    public static IntPtr ToUtf8(string? value) => Marshal.StringToCoTaskMemUTF8(value);

    /// <summary>
    /// A native UTF-16 buffer for a <see cref="StringBuilder"/> argument: room for its capacity plus the
    /// terminator, holding its current contents (the marshaller's in/out semantics).
    /// </summary>
    public static IntPtr ToUtf16Buffer(StringBuilder? builder)
    {
        if (builder is null)
            return IntPtr.Zero;
        var capacity = builder.Capacity;
        var buffer = (char*)Marshal.AllocCoTaskMem((capacity + 1) * sizeof(char));
        var length = Math.Min(builder.Length, capacity);
        builder.CopyTo(0, new Span<char>(buffer, length), length);
        buffer[length] = '\0';
        return (IntPtr)buffer;
    }

    /// <summary>Copies a native UTF-16 buffer back into the builder, up to its terminator or capacity.</summary>
    public static void FromUtf16Buffer(StringBuilder? builder, IntPtr native)
    {
        if (builder is null || native == IntPtr.Zero)
            return;
        var chars = new ReadOnlySpan<char>((void*)native, builder.Capacity);
        var end = chars.IndexOf('\0');
        builder.Clear().Append(end < 0 ? chars : chars[..end]);
    }

    /// <summary>A native UTF-8 buffer for a <see cref="StringBuilder"/> argument of an ANSI declaration.</summary>
    public static IntPtr ToUtf8Buffer(StringBuilder? builder)
    {
        if (builder is null)
            return IntPtr.Zero;
        // The marshaller sizes ANSI buffers at two bytes per character of capacity (room for DBCS); keep that.
        var size = builder.Capacity * 2 + 1;
        var buffer = (byte*)Marshal.AllocCoTaskMem(size);
        var written = Encoding.UTF8.GetBytes(builder.ToString().AsSpan(), new Span<byte>(buffer, size - 1));
        buffer[written] = 0;
        return (IntPtr)buffer;
    }

    /// <summary>Copies a native UTF-8 buffer back into the builder, up to its terminator.</summary>
    public static void FromUtf8Buffer(StringBuilder? builder, IntPtr native)
    {
        if (builder is null || native == IntPtr.Zero)
            return;
        var bytes = new ReadOnlySpan<byte>((void*)native, builder.Capacity * 2 + 1);
        var end = bytes.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        builder.Clear().Append(text.Length > builder.Capacity ? text[..builder.Capacity] : text);
    }

    /// <summary>A string from a NUL-terminated UTF-16 result (NULL gives null); the native buffer stays the callee's.</summary>
    public static string? FromUtf16(IntPtr native) => Marshal.PtrToStringUni(native);

    /// <summary>A string from a NUL-terminated UTF-8 result (NULL gives null); the native buffer stays the callee's.</summary>
    public static string? FromUtf8(IntPtr native) => Marshal.PtrToStringUTF8(native);

    /// <summary>Frees a buffer from this class.</summary>
    public static void Free(IntPtr native) => Marshal.FreeCoTaskMem(native);
}
