using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The whole environment block (<c>name=value\0…\0\0</c>, sorted case-insensitively by name as Windows keeps it)
/// and %variable% expansion, over <see cref="Bridge.Environment"/>.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class EnvironmentBlock
{
    // Blocks handed out and not yet freed: Free* of anything else fails instead of corrupting the heap.
    private static readonly ConcurrentDictionary<nint, byte> Blocks = new();

    /// <summary>LPWCH GetEnvironmentStringsW(void) — a copy the caller frees with FreeEnvironmentStringsW.</summary>
    [ShimExport("GetEnvironmentStringsW")]
    public static char* GetEnvironmentStringsW()
    {
        var text = BuildBlock();
        var block = (char*)NativeMemory.Alloc((nuint)text.Length, sizeof(char));
        text.AsSpan().CopyTo(new Span<char>(block, text.Length));
        Blocks[(nint)block] = 0;
        return block;
    }

    /// <summary>LPCH GetEnvironmentStrings(void) / GetEnvironmentStringsA — the block in UTF-8.</summary>
    [ShimExport("GetEnvironmentStrings")]
    [ShimExport("GetEnvironmentStringsA")]
    public static byte* GetEnvironmentStringsA()
    {
        var text = BuildBlock();
        var length = Encoding.UTF8.GetByteCount(text);
        var block = (byte*)NativeMemory.Alloc((nuint)length);
        Encoding.UTF8.GetBytes(text, new Span<byte>(block, length));
        Blocks[(nint)block] = 0;
        return block;
    }

    /// <summary>BOOL FreeEnvironmentStringsW(LPWCH penv)</summary>
    [ShimExport("FreeEnvironmentStringsW")]
    public static int FreeEnvironmentStringsW(char* environment) => Free(environment);

    /// <summary>BOOL FreeEnvironmentStringsA(LPCH penv)</summary>
    [ShimExport("FreeEnvironmentStringsA")]
    public static int FreeEnvironmentStringsA(byte* environment) => Free(environment);

    /// <summary>
    /// DWORD ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize) — returns the size of the
    /// expansion including the terminator, whether or not it fit; last error untouched (Windows; Wine 8.0 sets
    /// ERROR_INSUFFICIENT_BUFFER when it does not fit). <c>%NAME%</c> of an unset variable stays as written; a
    /// lone <c>%</c> is literal. When the buffer is too small it is filled as Windows fills it (see
    /// Wine's test_ExpandEnvironmentStringsW): plain text up to nSize − 1 characters without a terminator, a
    /// variable's value only whole and followed by a terminator, or else a terminator where it would start.
    /// </summary>
    [ShimExport("ExpandEnvironmentStringsW")]
    public static uint ExpandEnvironmentStringsW(char* source, char* destination, uint size)
    {
        var input = source == null ? string.Empty : new string(source);
        if (destination == null)
            size = 0;
        var fs = FileSystem.GuestFileSystem.Current;
        long position = 0;
        var writing = true;
        var index = 0;
        while (index < input.Length)
        {
            if (input[index] == '%')
            {
                var close = input.IndexOf('%', index + 1);
                if (close > index + 1 && fs.EnvironmentValue(input.Substring(index + 1, close - index - 1)) is { } value)
                {
                    if (writing)
                    {
                        if (position + value.Length + 1 <= size)
                        {
                            value.AsSpan().CopyTo(new Span<char>(destination + position, value.Length));
                            destination[position + value.Length] = '\0';
                        }
                        else
                        {
                            if (position < size)
                                destination[position] = '\0';
                            writing = false;
                        }
                    }
                    position += value.Length;
                    index = close + 1;
                    continue;
                }
                // Not a variable: the text up to and including the closing '%' (or the rest) is copied as is.
                var end = close < 0 ? input.Length : close + 1;
                for (; index < end; index++)
                    Literal(input[index]);
                continue;
            }
            Literal(input[index++]);
        }
        if (position + 1 <= size && writing)
            destination[position] = '\0';
        return (uint)(position + 1);

        void Literal(char c)
        {
            if (writing && position + 1 < size)
                destination[position] = c;
            position++;
        }
    }

    private static int Free(void* block)
    {
        if (block == null)
            return 1;
        if (!Blocks.TryRemove((nint)block, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        NativeMemory.Free(block);
        return 1;
    }

    private static string BuildBlock()
    {
        var variables = new List<KeyValuePair<string, string>>(Bridge.Environment.GetVariables());
        variables.Sort(static (a, b) => string.Compare(a.Key, b.Key, StringComparison.OrdinalIgnoreCase));
        var text = new StringBuilder();
        foreach (var (name, value) in variables)
            text.Append(name).Append('=').Append(value).Append('\0');
        if (variables.Count == 0)
            text.Append('\0');
        text.Append('\0');
        return text.ToString();
    }
}
