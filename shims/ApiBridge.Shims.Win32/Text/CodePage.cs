using System.Text;

namespace ApiBridge.Shims.Win32.Text;

/// <summary>One code page as GetCPInfo describes it, with the encodings the conversions need.</summary>
internal sealed class CodePage
{
    /// <summary>Every page's default character (GetCPInfo's DefaultChar) is '?' on Windows.</summary>
    public const byte DefaultChar = (byte)'?';

    public CodePage(uint id, Encoding encoding, CodePageKind kind, byte[] leadBytes)
    {
        Id = id;
        Kind = kind;
        LeadBytes = leadBytes;
        BestFit = encoding;
        Strict = WithFallbacks(encoding, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        Replacing = WithFallbacks(encoding, new EncoderReplacementFallback("\uFFFD"), new DecoderReplacementFallback("\uFFFD"));
    }

    public uint Id { get; }

    public CodePageKind Kind { get; }

    /// <summary>Lead bytes of a double-byte page, ascending; empty for the others.</summary>
    public byte[] LeadBytes { get; }

    /// <summary>The provider's own encoding: Windows' best-fit table for characters the page lacks.</summary>
    public Encoding BestFit { get; }

    /// <summary>Throws on any character or byte the page cannot map (the MB_ERR_/WC_ERR_INVALID_CHARS paths).</summary>
    public Encoding Strict { get; }

    /// <summary>Invalid input becomes U+FFFD either way (the Unicode pages without MB_/WC_ERR_INVALID_CHARS).</summary>
    public Encoding Replacing { get; }

    public bool IsUnicode => Kind is CodePageKind.Utf8 or CodePageKind.Utf7;

    /// <summary>GetCPInfo's MaxCharSize: the longest byte sequence of one UTF-16 code unit.</summary>
    public uint MaxCharSize => Kind switch
    {
        CodePageKind.Utf8 => 4,
        CodePageKind.Utf7 => 5,
        CodePageKind.DoubleByte => 2,
        _ => 1,
    };

    /// <summary>GetCPInfoEx's UnicodeDefaultChar: U+FFFD for the Unicode pages (as Wine reports), '?' for the others.</summary>
    public char UnicodeDefaultChar => IsUnicode ? '\uFFFD' : '?';

    public string Name => CodePageNames.Of(this);

    public static Encoding WithFallbacks(Encoding encoding, EncoderFallback encoderFallback, DecoderFallback decoderFallback)
    {
        var copy = (Encoding)encoding.Clone();
        copy.EncoderFallback = encoderFallback;
        copy.DecoderFallback = decoderFallback;
        return copy;
    }
}
