using static ApiBridge.Shims.Win32.Tests.CodePageTests.Conversions;

namespace ApiBridge.Shims.Win32.Tests.CodePageTests;

/// <summary>
/// MultiByteToWideChar against its documentation and against Wine 8 (WinConsoleGuest's transcript): lengths, the size
/// query, short buffers, invalid UTF-8 with and without MB_ERR_INVALID_CHARS, the 1252 and 437 tables, the aliases.
/// </summary>
public sealed class MultiByteToWideCharTests
{
    private const uint MB_PRECOMPOSED = 1, MB_COMPOSITE = 2, MB_USEGLYPHCHARS = 4, MB_ERR_INVALID_CHARS = 8;
    private static readonly byte[] Utf8Text = [0x68, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0];

    [Fact]
    public void Minus_one_converts_through_the_terminator_and_counts_it()
    {
        Assert.Equal((6, ""), ToWide(65001, 0, Utf8Text, -1, 0));
        Assert.Equal((6, "h\u00e9\u20ac\U0001F600\0"), ToWide(65001, 0, Utf8Text, -1, 16));
        Assert.Equal((5, "h\u00e9\u20ac\U0001F600"), ToWide(65001, 0, Utf8Text, 10, 16));
    }

    [Fact]
    public void A_short_buffer_is_ERROR_INSUFFICIENT_BUFFER()
    {
        Assert.Equal(0, ToWide(65001, 0, Utf8Text, -1, 3).Result);
        Assert.Equal(122, Err);
    }

    [Fact]
    public void Invalid_UTF8_becomes_U_FFFD_or_fails_with_MB_ERR_INVALID_CHARS()
    {
        byte[] invalid = [0x61, 0xC3, 0x28, 0xFF, 0x62];
        Assert.Equal((5, "a\uFFFD(\uFFFDb"), ToWide(65001, 0, invalid));
        Assert.Equal((2, "a\uFFFD"), ToWide(65001, 0, [0x61, 0xE2, 0x82]));
        Assert.Equal(0, ToWide(65001, MB_ERR_INVALID_CHARS, invalid).Result);
        Assert.Equal(1113, Err);
        Assert.Equal(0, ToWide(65001, MB_ERR_INVALID_CHARS, [0xC0, 0xAF]).Result);   // an overlong '/'
        Assert.Equal(1113, Err);
        Assert.Equal((1, "a"), ToWide(65001, MB_ERR_INVALID_CHARS, [0x61]));
    }

    [Fact]
    public void UTF8_takes_no_flag_but_MB_ERR_INVALID_CHARS()
    {
        foreach (var flags in new[] { MB_PRECOMPOSED, MB_COMPOSITE, MB_USEGLYPHCHARS, 0x100u })
        {
            Assert.Equal(0, ToWide(65001, flags, [0x61]).Result);
            Assert.Equal(1004, Err);
        }
    }

    [Fact]
    public void Code_page_1252_maps_every_byte_as_Windows_does()
    {
        Assert.Equal((7, "\u20ac\u0081\u008d\u0178\u00a4\u00e9\u00ff"), ToWide(1252, 0, [0x80, 0x81, 0x8D, 0x9F, 0xA4, 0xE9, 0xFF]));
        Assert.Equal((1, "\u0081"), ToWide(1252, MB_ERR_INVALID_CHARS, [0x81]));   // in Windows' table: not invalid
        Assert.Equal((2, "\u20ac\u00e9"), ToWide(0, 0, [0x80, 0xE9]));            // CP_ACP is 1252
    }

    [Fact]
    public void Code_page_437_maps_the_DOS_characters_and_glyphs_on_request()
    {
        Assert.Equal((7, "\u00c7\u00a2\u2591\u2588\u00df\u00a0\u0001"), ToWide(437, 0, [0x80, 0x9B, 0xB0, 0xDB, 0xE1, 0xFF, 0x01]));
        Assert.Equal((2, "\u00c7\u0398"), ToWide(1, 0, [0x80, 0xE9]));           // CP_OEMCP is 437
        Assert.Equal((3, "\u263a\u2302A"), ToWide(437, MB_USEGLYPHCHARS, [0x01, 0x7F, 0x41]));
    }

    [Fact]
    public void MB_COMPOSITE_decomposes_and_may_not_be_combined_with_MB_PRECOMPOSED()
    {
        Assert.Equal((2, "e\u0301"), ToWide(1252, MB_COMPOSITE, [0xE9]));
        Assert.Equal((1, "\u00e9"), ToWide(1252, MB_PRECOMPOSED, [0xE9]));
        Assert.Equal(0, ToWide(1252, MB_PRECOMPOSED | MB_COMPOSITE, [0xE9]).Result);
        Assert.Equal(1004, Err);
    }

    [Fact]
    public void A_double_byte_page_decodes_pairs_and_refuses_a_lone_lead_byte_when_strict()
    {
        Assert.Equal((2, "A\u3042"), ToWide(932, 0, [0x41, 0x82, 0xA0]));
        Assert.Equal(0, ToWide(932, MB_ERR_INVALID_CHARS, [0x41, 0x82]).Result);
        Assert.Equal(1113, Err);
    }

    [Fact]
    public void Bad_arguments_are_ERROR_INVALID_PARAMETER()
    {
        Assert.Equal(0, ToWide(65001, 0, [0x61], 0, 16).Result);          // empty source
        Assert.Equal(87, Err);
        Assert.Equal(0, ToWide(65001, 0, null, 1, 16).Result);             // NULL source
        Assert.Equal(87, Err);
        Assert.Equal(0, ToWide(65001, 0, [0x61], 1, -1).Result);           // negative size
        Assert.Equal(87, Err);
        foreach (var page in new uint[] { 1200, 1201, 12000, 12345, 70000 })
        {
            Assert.Equal(0, ToWide(page, 0, [0x61, 0]).Result);
            Assert.Equal(87, Err);
        }
    }

    [Fact]
    public void A_success_leaves_the_last_error_alone()
    {
        ApiBridge.Runtime.LastError.Set(0);
        ToWide(65001, 0, [0x61]);
        Assert.Equal(0, Err);
        ApiBridge.Runtime.LastError.Set(5);
        unsafe
        {
            byte a = 0x61;
            char c;
            Assert.Equal(1, Kernel32.CodePageConversion.MultiByteToWideChar(65001, 0, &a, 1, &c, 1));
        }
        Assert.Equal(5, Err);
    }
}
