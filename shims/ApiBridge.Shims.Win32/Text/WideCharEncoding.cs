using System.Globalization;
using System.Text;

namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// What WideCharToMultiByte does to the text once its arguments are checked. For UTF-8 and UTF-7: invalid UTF-16 (a
/// lone surrogate) becomes U+FFFD, or fails under WC_ERR_INVALID_CHARS. For the other pages, character by character:
/// the page's own byte(s); else, unless WC_NO_BEST_FIT_CHARS, Windows' best-fit byte(s) (ā → a); else the default
/// character, which sets lpUsedDefaultChar. WC_NO_BEST_FIT_CHARS also refuses a mapping that does not decode back to
/// the same character.
/// </summary>
internal static class WideCharEncoding
{
    public const uint WC_DISCARDNS = 0x10, WC_SEPCHARS = 0x20, WC_DEFAULTCHAR = 0x40, WC_ERR_INVALID_CHARS = 0x80,
        WC_COMPOSITECHECK = 0x200, WC_NO_BEST_FIT_CHARS = 0x400;

    private const uint CodePageFlags = WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS;

    /// <summary>
    /// 0 or WC_ERR_INVALID_CHARS for UTF-8, nothing for UTF-7; the composition and best-fit flags for the others, where
    /// WC_ERR_INVALID_CHARS "cannot be used" (the documentation; Wine accepts it there).
    /// </summary>
    public static bool FlagsValid(CodePage page, uint flags) => page.Kind switch
    {
        CodePageKind.Utf8 => (flags & ~WC_ERR_INVALID_CHARS) == 0,
        CodePageKind.Utf7 => flags == 0,
        _ => (flags & ~CodePageFlags) == 0,
    };

    /// <summary>The bytes of a Unicode page, or null under WC_ERR_INVALID_CHARS when the text holds a lone surrogate.</summary>
    public static byte[]? EncodeUnicode(CodePage page, ReadOnlySpan<char> text, uint flags)
    {
        if ((flags & WC_ERR_INVALID_CHARS) == 0)
            return GetBytes(page.Replacing, text);
        try
        {
            return GetBytes(page.Strict, text);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The bytes of a single- or double-byte page; <paramref name="usedDefault"/> tells whether the default character was needed.</summary>
    public static byte[] EncodeCodePage(CodePage page, ReadOnlySpan<char> source, uint flags, byte[] defaultChar, out bool usedDefault)
    {
        usedDefault = false;
        var text = (flags & WC_COMPOSITECHECK) != 0 ? Composition.Compose(source.ToString()) : source.ToString();
        var noBestFit = (flags & WC_NO_BEST_FIT_CHARS) != 0;
        if (TryExact(page, text, noBestFit, out var whole))
            return whole;   // the common case: every character is on the page

        var output = new List<byte>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var element = text.Substring(i, length);
            i += length;
            if ((flags & WC_COMPOSITECHECK) != 0 && output.Count > 0 && IsNonSpacing(element))
            {
                // A mark composition left over: WC_DISCARDNS drops it, WC_DEFAULTCHAR replaces it, WC_SEPCHARS (the default) converts it.
                if ((flags & WC_DISCARDNS) != 0)
                    continue;
                if ((flags & WC_DEFAULTCHAR) != 0)
                {
                    output.AddRange(defaultChar);
                    usedDefault = true;
                    continue;
                }
            }
            if (TryExact(page, element, noBestFit, out var bytes) || (!noBestFit && TryBestFit(page, element, out bytes)))
            {
                output.AddRange(bytes);
                continue;
            }
            output.AddRange(defaultChar);
            usedDefault = true;
        }
        return [.. output];
    }

    private static bool IsNonSpacing(string element) =>
        CharUnicodeInfo.GetUnicodeCategory(element, 0) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    /// <summary>The page's own mapping; under WC_NO_BEST_FIT_CHARS only one that decodes back to the same text.</summary>
    private static bool TryExact(CodePage page, string text, bool roundTripOnly, out byte[] bytes)
    {
        try
        {
            bytes = page.Strict.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            bytes = [];
            return false;
        }
        return !roundTripOnly || page.BestFit.GetString(bytes) == text;
    }

    /// <summary>Windows' best-fit table (in the provider's encoder fallback); its '?' means "no best fit", not a mapping.</summary>
    private static bool TryBestFit(CodePage page, string element, out byte[] bytes)
    {
        bytes = page.BestFit.GetBytes(element);
        return bytes.Length > 0 && !Array.TrueForAll(bytes, b => b == CodePage.DefaultChar);
    }

    private static byte[] GetBytes(Encoding encoding, ReadOnlySpan<char> text)
    {
        var bytes = new byte[encoding.GetByteCount(text)];
        encoding.GetBytes(text, bytes);
        return bytes;
    }
}
