using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// MultiByteToWideChar and WideCharToMultiByte over <see cref="CodePageEncodings"/>. Contracts (Microsoft docs, Wine's
/// dlls/kernel32/tests/codepage.c): a negative source length means "up to and including the terminating NUL"; a
/// destination size of 0 asks for the size needed; a destination too small is 0 with ERROR_INSUFFICIENT_BUFFER; no
/// source, a source length of 0, a destination without a size or a negative size is ERROR_INVALID_PARAMETER, as is
/// an unknown code page; for UTF-8 the only flag allowed is MB_ERR_INVALID_CHARS / WC_ERR_INVALID_CHARS (else
/// ERROR_INVALID_FLAGS), which makes invalid input ERROR_NO_UNICODE_TRANSLATION instead of U+FFFD, and
/// lpDefaultChar/lpUsedDefaultChar must be NULL (ERROR_INVALID_PARAMETER).
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class CharacterConversion
{
    public const uint MB_PRECOMPOSED = 0x1, MB_COMPOSITE = 0x2, MB_USEGLYPHCHARS = 0x4, MB_ERR_INVALID_CHARS = 0x8;
    public const uint WC_COMPOSITECHECK = 0x200, WC_DISCARDNS = 0x10, WC_SEPCHARS = 0x20, WC_DEFAULTCHAR = 0x40,
        WC_ERR_INVALID_CHARS = 0x80, WC_NO_BEST_FIT_CHARS = 0x400;

    /// <summary>int MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)</summary>
    [ShimExport("MultiByteToWideChar")]
    public static int MultiByteToWideChar(uint codePage, uint flags, byte* source, int sourceLength, char* destination, int destinationSize)
    {
        if (source == null || sourceLength == 0 || destinationSize < 0 || (destination == null && destinationSize != 0))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        // CP_ACP keeps the flags a Windows ANSI code page takes (the runtime passes MB_PRECOMPOSED), UTF-8 by number does not.
        var allowed = codePage == CodePageEncodings.CP_UTF8 ? MB_ERR_INVALID_CHARS : MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS;
        if ((flags & ~allowed) != 0 || (flags & (MB_PRECOMPOSED | MB_COMPOSITE)) == (MB_PRECOMPOSED | MB_COMPOSITE))
            return Fail(Win32Error.ERROR_INVALID_FLAGS);
        var encoding = CodePageEncodings.Get(codePage, strict: (flags & MB_ERR_INVALID_CHARS) != 0);
        if (encoding is null)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var bytes = new ReadOnlySpan<byte>(source, sourceLength < 0 ? Terminated(source) : sourceLength);
        try
        {
            var needed = encoding.GetCharCount(bytes);
            if (destinationSize == 0)
                return needed;
            if (needed > destinationSize)
                return Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
            return encoding.GetChars(bytes, new Span<char>(destination, destinationSize));
        }
        catch (DecoderFallbackException)
        {
            return Fail(Win32Error.ERROR_NO_UNICODE_TRANSLATION);
        }
    }

    /// <summary>int WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)</summary>
    [ShimExport("WideCharToMultiByte")]
    public static int WideCharToMultiByte(uint codePage, uint flags, char* source, int sourceLength, byte* destination, int destinationSize,
        byte* defaultChar, int* usedDefaultChar)
    {
        if (source == null || sourceLength == 0 || destinationSize < 0 || (destination == null && destinationSize != 0))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var utf8 = CodePageEncodings.IsUtf8(codePage);
        var utf8ByNumber = codePage == CodePageEncodings.CP_UTF8;
        // WC_ERR_INVALID_CHARS is for UTF-8 only; the ANSI aliases keep the flags of a Windows ANSI code page.
        var allowed = utf8ByNumber ? WC_ERR_INVALID_CHARS
            : WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_NO_BEST_FIT_CHARS;
        if ((flags & ~allowed) != 0)
            return Fail(Win32Error.ERROR_INVALID_FLAGS);
        if (utf8ByNumber && (defaultChar != null || usedDefaultChar != null))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var substitute = defaultChar != null && *defaultChar != 0 ? ((char)*defaultChar).ToString() : "?";
        var strict = (flags & WC_ERR_INVALID_CHARS) != 0;
        var chars = new ReadOnlySpan<char>(source, sourceLength < 0 ? new string(source).Length + 1 : sourceLength);
        if (utf8 && !strict)
            chars = Replaced(chars); // a lone surrogate becomes U+FFFD, as Windows writes it (EF BF BD)
        var encoding = CodePageEncodings.Get(codePage, strict: strict || (!utf8 && usedDefaultChar != null), substitute);
        if (encoding is null)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var usedDefault = false;
        if (!utf8 && usedDefaultChar != null && !Encodes(encoding, chars))
        {
            // The guest asks whether a default character was used: find out, then encode with the substitution.
            usedDefault = true;
            encoding = CodePageEncodings.Get(codePage, strict: false, substitute)!;
        }
        if (usedDefaultChar != null)
            *usedDefaultChar = usedDefault ? 1 : 0;
        try
        {
            var needed = encoding.GetByteCount(chars);
            if (destinationSize == 0)
                return needed;
            if (needed > destinationSize)
                return Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
            return encoding.GetBytes(chars, new Span<byte>(destination, destinationSize));
        }
        catch (EncoderFallbackException)
        {
            return Fail(Win32Error.ERROR_NO_UNICODE_TRANSLATION);
        }
    }

    private static bool Encodes(Encoding strict, ReadOnlySpan<char> chars)
    {
        try
        {
            strict.GetByteCount(chars);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<char> Replaced(ReadOnlySpan<char> chars)
    {
        if (!chars.ContainsAnyInRange('\uD800', '\uDFFF'))
            return chars;
        var text = new StringBuilder(chars.Length);
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                text.Append(chars[i]).Append(chars[++i]);
            else
                text.Append(char.IsSurrogate(chars[i]) ? '\uFFFD' : chars[i]);
        }
        return text.ToString();
    }

    private static int Terminated(byte* text)
    {
        var length = 0;
        while (text[length] != 0)
            length++;
        return length + 1; // the NUL is converted too
    }

    private static int Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
