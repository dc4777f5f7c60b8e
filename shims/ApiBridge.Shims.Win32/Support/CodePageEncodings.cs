using System.Text;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// The encoding behind a Windows code page number, for the conversion exports. CP_ACP, CP_OEMCP and CP_THREAD_ACP
/// are the bridge's ANSI code page, UTF-8, as every "A" export here reads and writes it (README, Limits); other numbers
/// are .NET's encodings and the Windows code pages of System.Text.Encoding.CodePages, without best-fit mapping (a
/// character the code page lacks becomes the default character). Null for a code page the host does not know.
/// </summary>
internal static class CodePageEncodings
{
    public const uint CP_ACP = 0, CP_OEMCP = 1, CP_THREAD_ACP = 3, CP_UTF8 = 65001;

    public static bool IsUtf8(uint codePage) => codePage is CP_ACP or CP_OEMCP or CP_THREAD_ACP or CP_UTF8;

    /// <summary>The code page's encoding, decoding invalid bytes to U+FFFD and encoding what it lacks as <paramref name="defaultChar"/>, or throwing for both when <paramref name="strict"/>.</summary>
    public static Encoding? Get(uint codePage, bool strict, string defaultChar = "?")
    {
        if (IsUtf8(codePage))
            return new UTF8Encoding(false, throwOnInvalidBytes: strict);
        if (codePage is 0 or > 65535 or 1200 or 1201 or 12000 or 12001)
            return null; // UTF-16 and UTF-32 are not multibyte code pages
        var encoderFallback = strict ? EncoderFallback.ExceptionFallback : new EncoderReplacementFallback(defaultChar);
        var decoderFallback = strict ? DecoderFallback.ExceptionFallback : new DecoderReplacementFallback("\uFFFD");
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding((int)codePage, encoderFallback, decoderFallback)
                ?? Encoding.GetEncoding((int)codePage, encoderFallback, decoderFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
