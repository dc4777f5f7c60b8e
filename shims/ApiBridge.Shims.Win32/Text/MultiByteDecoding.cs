using System.Text;

namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// What MultiByteToWideChar does to the bytes once its arguments are checked: decode strictly (MB_ERR_INVALID_CHARS)
/// or with replacement, then apply MB_COMPOSITE and MB_USEGLYPHCHARS.
/// </summary>
internal static class MultiByteDecoding
{
    public const uint MB_PRECOMPOSED = 1, MB_COMPOSITE = 2, MB_USEGLYPHCHARS = 4, MB_ERR_INVALID_CHARS = 8;

    /// <summary>The DOS pages, whose control bytes have glyphs (☺☻♥…) that MB_USEGLYPHCHARS asks for.</summary>
    private static readonly HashSet<uint> DosPages = [437, 720, 737, 775, 850, 852, 855, 857, 858, 860, 861, 862, 863, 864, 865, 866, 869];

    /// <summary>The glyphs of bytes 0x01–0x1F on the DOS pages (0x7F is ⌂).</summary>
    private const string ControlGlyphs =
        "\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C" +
        "\u25BA\u25C4\u2195\u203C\u00B6\u00A7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC";

    /// <summary>The flags a page accepts: 0 or MB_ERR_INVALID_CHARS for UTF-8, nothing for UTF-7, and for the others the four flags, precomposed and composite not both.</summary>
    public static bool FlagsValid(CodePage page, uint flags) => page.Kind switch
    {
        CodePageKind.Utf8 => (flags & ~MB_ERR_INVALID_CHARS) == 0,
        CodePageKind.Utf7 => flags == 0,
        _ => (flags & ~0xFu) == 0 && (flags & (MB_PRECOMPOSED | MB_COMPOSITE)) != (MB_PRECOMPOSED | MB_COMPOSITE),
    };

    /// <summary>The UTF-16 text, or null when MB_ERR_INVALID_CHARS is set and a byte sequence is invalid.</summary>
    public static string? Decode(CodePage page, ReadOnlySpan<byte> bytes, uint flags)
    {
        string text;
        if ((flags & MB_ERR_INVALID_CHARS) != 0)
        {
            try
            {
                text = page.Strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        else
        {
            text = (page.IsUnicode ? page.Replacing : page.BestFit).GetString(bytes);
        }
        if ((flags & MB_USEGLYPHCHARS) != 0 && DosPages.Contains(page.Id))
            text = WithGlyphs(text);
        if ((flags & MB_COMPOSITE) != 0)
            text = Composition.Decompose(text);
        return text;
    }

    private static string WithGlyphs(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0001' and <= '\u001F')
                chars[i] = ControlGlyphs[chars[i] - 1];
            else if (chars[i] == '\u007F')
                chars[i] = '\u2302';
        }
        return new string(chars);
    }
}
