using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Text;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// MultiByteToWideChar and WideCharToMultiByte with their documented contract: a length of -1 converts through the
/// terminator and counts it; an output size of 0 asks for the size needed; a short buffer is
/// ERROR_INSUFFICIENT_BUFFER; a NULL or empty source, a negative output size or a NULL buffer with a size is
/// ERROR_INVALID_PARAMETER, as is an unknown code page; flags a page does not take are ERROR_INVALID_FLAGS; invalid
/// input under MB_/WC_ERR_INVALID_CHARS is ERROR_NO_UNICODE_TRANSLATION; lpDefaultChar or lpUsedDefaultChar with
/// UTF-8 or UTF-7 is ERROR_INVALID_PARAMETER. A success leaves the last error alone, as Windows does.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class CodePageConversion
{
    /// <summary>int MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)</summary>
    [ShimExport("MultiByteToWideChar")]
    public static int MultiByteToWideChar(uint codePage, uint flags, byte* multiByte, int cbMultiByte, char* wide, int cchWideChar)
    {
        if (multiByte == null || cbMultiByte == 0 || cchWideChar < 0 || (wide == null && cchWideChar != 0) || (void*)multiByte == wide)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (!CodePageTable.TryGet(codePage, out var page))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (!MultiByteDecoding.FlagsValid(page, flags))
            return FileShim.Fail(Win32Error.ERROR_INVALID_FLAGS);
        var length = cbMultiByte < 0 ? new ReadOnlySpan<byte>(multiByte, int.MaxValue).IndexOf((byte)0) + 1 : cbMultiByte;
        var text = MultiByteDecoding.Decode(page, new ReadOnlySpan<byte>(multiByte, length), flags);
        if (text is null)
            return FileShim.Fail(Win32Error.ERROR_NO_UNICODE_TRANSLATION);
        return CopyOut(text.AsSpan(), wide, cchWideChar);
    }

    /// <summary>int WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)</summary>
    [ShimExport("WideCharToMultiByte")]
    public static int WideCharToMultiByte(uint codePage, uint flags, char* wide, int cchWideChar, byte* multiByte, int cbMultiByte,
        byte* defaultChar, int* usedDefaultChar)
    {
        if (wide == null || cchWideChar == 0 || cbMultiByte < 0 || (multiByte == null && cbMultiByte != 0) || (void*)multiByte == wide)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (!CodePageTable.TryGet(codePage, out var page))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var length = cchWideChar < 0 ? new ReadOnlySpan<char>(wide, int.MaxValue).IndexOf('\0') + 1 : cchWideChar;
        var text = new ReadOnlySpan<char>(wide, length);
        byte[]? bytes;
        if (page.IsUnicode)
        {
            if (defaultChar != null || usedDefaultChar != null)
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
            if (!WideCharEncoding.FlagsValid(page, flags))
                return FileShim.Fail(Win32Error.ERROR_INVALID_FLAGS);
            bytes = WideCharEncoding.EncodeUnicode(page, text, flags);
            if (bytes is null)
                return FileShim.Fail(Win32Error.ERROR_NO_UNICODE_TRANSLATION);
        }
        else
        {
            if (!WideCharEncoding.FlagsValid(page, flags))
                return FileShim.Fail(Win32Error.ERROR_INVALID_FLAGS);
            bytes = WideCharEncoding.EncodeCodePage(page, text, flags, DefaultCharOf(page, defaultChar), out var used);
            if (usedDefaultChar != null)
                *usedDefaultChar = used ? 1 : 0;
        }
        return CopyOut(bytes, multiByte, cbMultiByte);
    }

    /// <summary>The guest's default character: one byte, or two when it starts with a lead byte of a double-byte page.</summary>
    private static byte[] DefaultCharOf(CodePage page, byte* defaultChar)
    {
        if (defaultChar == null)
            return [CodePage.DefaultChar];
        if (page.Kind == CodePageKind.DoubleByte && Array.IndexOf(page.LeadBytes, defaultChar[0]) >= 0 && defaultChar[1] != 0)
            return [defaultChar[0], defaultChar[1]];
        return [defaultChar[0]];
    }

    /// <summary>Size 0 asks for the length; a buffer too short gets what fits and ERROR_INSUFFICIENT_BUFFER.</summary>
    private static int CopyOut<T>(ReadOnlySpan<T> result, T* target, int size) where T : unmanaged
    {
        if (size == 0)
            return result.Length;
        if (result.Length > size)
        {
            result[..size].CopyTo(new Span<T>(target, size));
            return FileShim.Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        }
        result.CopyTo(new Span<T>(target, size));
        return result.Length;
    }
}
