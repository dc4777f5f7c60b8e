using static ApiBridge.Shims.Win32.Tests.CodePageTests.Conversions;

namespace ApiBridge.Shims.Win32.Tests.CodePageTests;

/// <summary>
/// WideCharToMultiByte against its documentation and Wine 8 (WinConsoleGuest's transcript): UTF-8 lengths and lone
/// surrogates, best fit and WC_NO_BEST_FIT_CHARS, default characters and lpUsedDefaultChar, and the documented
/// refusals Wine does not make (lpDefaultChar/lpUsedDefaultChar or a best-fit flag with UTF-8, WC_ERR_INVALID_CHARS
/// with another page).
/// </summary>
public sealed class WideCharToMultiByteTests
{
    private const uint WC_DISCARDNS = 0x10, WC_DEFAULTCHAR = 0x40, WC_ERR_INVALID_CHARS = 0x80, WC_COMPOSITECHECK = 0x200, WC_NO_BEST_FIT_CHARS = 0x400;
    private const string Text = "h\u00e9\u20ac\U0001F600";

    [Fact]
    public void Minus_one_converts_through_the_terminator_and_counts_it()
    {
        Assert.Equal(11, ToBytes(65001, 0, Text, -1, 0).Result);
        var (result, bytes, _) = ToBytes(65001, 0, Text, -1, 16);
        Assert.Equal(11, result);
        Assert.Equal("68C3A9E282ACF09F988000", Convert.ToHexString(bytes));
        Assert.Equal("68C3A9E282ACF09F9880", Convert.ToHexString(ToBytes(65001, 0, Text).Bytes));
    }

    [Fact]
    public void A_short_buffer_is_ERROR_INSUFFICIENT_BUFFER()
    {
        Assert.Equal(0, ToBytes(65001, 0, "h\u00e9\u20ac", -1, 4).Result);
        Assert.Equal(122, Err);
        Assert.Equal(0, ToBytes(1252, 0, "abc", 3, 2).Result);
        Assert.Equal(122, Err);
    }

    [Fact]
    public void A_lone_surrogate_becomes_U_FFFD_or_fails_with_WC_ERR_INVALID_CHARS()
    {
        Assert.Equal("61EFBFBD62", Convert.ToHexString(ToBytes(65001, 0, "a\ud800b").Bytes));
        Assert.Equal(0, ToBytes(65001, WC_ERR_INVALID_CHARS, "a\ud800b").Result);
        Assert.Equal(1113, Err);
        Assert.Equal("61F09F9880", Convert.ToHexString(ToBytes(65001, WC_ERR_INVALID_CHARS, "a\U0001F600").Bytes));
    }

    [Fact]
    public void UTF8_refuses_a_default_character_a_used_flag_and_other_flags()
    {
        Assert.Equal(0, ToBytes(65001, 0, "a", 1, 16, askUsed: true).Result);
        Assert.Equal(87, Err);
        Assert.Equal(0, ToBytes(65001, 0, "a", 1, 16, defaultChar: (byte)'*').Result);
        Assert.Equal(87, Err);
        Assert.Equal(0, ToBytes(65001, WC_NO_BEST_FIT_CHARS, "a").Result);
        Assert.Equal(1004, Err);
        Assert.Equal(0, ToBytes(65000, WC_ERR_INVALID_CHARS, "a").Result);   // UTF-7 takes no flag at all
        Assert.Equal(1004, Err);
    }

    [Fact]
    public void Code_page_1252_round_trips_its_own_characters()
    {
        var (result, bytes, used) = ToBytes(1252, 0, "\u20ac\u00e9\u00ff\u0081", askUsed: true);
        Assert.Equal((4, "80E9FF81", 0), (result, Convert.ToHexString(bytes), used));
        Assert.Equal("80", Convert.ToHexString(ToBytes(0, 0, "\u20ac").Bytes));   // CP_ACP
        Assert.Equal("80", Convert.ToHexString(ToBytes(1, 0, "\u00c7").Bytes));   // CP_OEMCP
    }

    [Fact]
    public void Best_fit_applies_unless_WC_NO_BEST_FIT_CHARS_and_only_the_default_character_sets_the_used_flag()
    {
        var bestFit = ToBytes(1252, 0, "\u0101\u2264\u4e00", askUsed: true);
        Assert.Equal(("613D3F", 1), (Convert.ToHexString(bestFit.Bytes), bestFit.Used));
        Assert.Equal((1, "61", 0), (ToBytes(1252, 0, "\u0101", askUsed: true) is var a ? (a.Result, Convert.ToHexString(a.Bytes), a.Used) : default));
        var strict = ToBytes(1252, WC_NO_BEST_FIT_CHARS, "\u0101\u2264\u4e00", askUsed: true);
        Assert.Equal(("3F3F3F", 1), (Convert.ToHexString(strict.Bytes), strict.Used));
        var oem = ToBytes(437, WC_NO_BEST_FIT_CHARS, "\u20ac\u00e0", askUsed: true);
        Assert.Equal(("3F85", 1), (Convert.ToHexString(oem.Bytes), oem.Used));
    }

    [Fact]
    public void The_guest_default_character_replaces_what_the_page_lacks()
    {
        var (result, bytes, used) = ToBytes(1252, WC_NO_BEST_FIT_CHARS, "x\u4e00", 2, 16, defaultChar: (byte)'*', askUsed: true);
        Assert.Equal((2, "782A", 1), (result, Convert.ToHexString(bytes), used));
        var noFlag = ToBytes(1252, 0, "\u4e00", 1, 16, defaultChar: (byte)'*');
        Assert.Equal((1, "2A", -1), (noFlag.Result, Convert.ToHexString(noFlag.Bytes), noFlag.Used));
    }

    [Fact]
    public void WC_ERR_INVALID_CHARS_is_only_for_UTF8()
    {
        Assert.Equal(0, ToBytes(1252, WC_ERR_INVALID_CHARS, "a").Result);
        Assert.Equal(1004, Err);
        Assert.Equal(0, ToBytes(437, 0x1000, "a").Result);
        Assert.Equal(1004, Err);
    }

    [Fact]
    public void WC_COMPOSITECHECK_composes_and_its_companions_decide_what_is_left_over()
    {
        Assert.Equal("E9", Convert.ToHexString(ToBytes(1252, WC_COMPOSITECHECK, "e\u0301").Bytes));
        Assert.Equal("65B4", Convert.ToHexString(ToBytes(1252, 0, "e\u0301").Bytes));   // without it: e, and the mark's best fit ´
        Assert.Equal("C4", Convert.ToHexString(ToBytes(1252, WC_COMPOSITECHECK | WC_DISCARDNS, "A\u0308\u0308").Bytes));
        var replaced = ToBytes(1252, WC_COMPOSITECHECK | WC_DEFAULTCHAR, "A\u0308\u0308", askUsed: true);
        Assert.Equal(("C43F", 1), (Convert.ToHexString(replaced.Bytes), replaced.Used));
    }

    [Fact]
    public void A_double_byte_page_writes_pairs()
    {
        Assert.Equal("4182A0", Convert.ToHexString(ToBytes(932, 0, "A\u3042").Bytes));
    }

    [Fact]
    public void Bad_arguments_are_ERROR_INVALID_PARAMETER()
    {
        Assert.Equal(0, ToBytes(1252, 0, "a", 0, 16).Result);
        Assert.Equal(87, Err);
        Assert.Equal(0, ToBytes(1252, 0, null, 1, 16).Result);
        Assert.Equal(87, Err);
        Assert.Equal(0, ToBytes(12345, 0, "a").Result);
        Assert.Equal(87, Err);
        Assert.Equal(0, ToBytes(1200, 0, "a").Result);
        Assert.Equal(87, Err);
    }
}
