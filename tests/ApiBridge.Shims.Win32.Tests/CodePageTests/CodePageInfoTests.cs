using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.CodePageTests;

/// <summary>GetACP, GetOEMCP, IsValidCodePage, GetCPInfo and GetCPInfoExW as Wine 8 answers them here (WinConsoleGuest's transcript).</summary>
public sealed unsafe class CodePageInfoTests
{
    [Fact]
    public void The_system_pages_are_1252_and_437()
    {
        Assert.Equal(1252u, CodePages.GetACP());
        Assert.Equal(437u, CodePages.GetOEMCP());
    }

    [Theory]
    [InlineData(437u, true), InlineData(850u, true), InlineData(1252u, true), InlineData(65001u, true), InlineData(65000u, true)]
    [InlineData(20127u, true), InlineData(28591u, true), InlineData(932u, true), InlineData(10000u, true)]
    [InlineData(0u, false), InlineData(1u, false), InlineData(2u, false), InlineData(3u, false)]
    [InlineData(1200u, false), InlineData(1201u, false), InlineData(12000u, false), InlineData(12345u, false)]
    public void IsValidCodePage_accepts_the_pages_it_converts_but_not_the_aliases_or_UTF16(uint page, bool valid) =>
        Assert.Equal(valid ? 1 : 0, CodePages.IsValidCodePage(page));

    [Theory]
    [InlineData(0u, 1u), InlineData(1u, 1u), InlineData(437u, 1u), InlineData(1252u, 1u), InlineData(65001u, 4u), InlineData(65000u, 5u), InlineData(932u, 2u)]
    public void GetCPInfo_gives_the_character_size_and_the_default_character(uint page, uint maxCharSize)
    {
        var info = new byte[20];
        fixed (byte* p = info)
            Assert.Equal(1, CodePages.GetCPInfo(page, (Native.CPINFO*)p));
        Assert.Equal(maxCharSize, BitConverter.ToUInt32(info, 0));
        Assert.Equal((byte)'?', info[4]);
        Assert.Equal(0, info[5]);
    }

    [Fact]
    public void GetCPInfo_lists_the_lead_byte_ranges_of_a_double_byte_page()
    {
        var info = new byte[20];
        fixed (byte* p = info)
            Assert.Equal(1, CodePages.GetCPInfo(932, (Native.CPINFO*)p));
        Assert.Equal("819FE0FC", Convert.ToHexString(info, 6, 4));   // Shift-JIS: 81–9F and E0–FC
        Assert.Equal(0, info[10]);
        fixed (byte* p = info)
            Assert.Equal(1, CodePages.GetCPInfo(1252, (Native.CPINFO*)p));
        Assert.All(info[6..18], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(1200u), InlineData(1201u), InlineData(12000u), InlineData(12345u)]
    public void GetCPInfo_refuses_an_unknown_page_with_ERROR_INVALID_PARAMETER(uint page)
    {
        var info = new byte[20];
        LastError.Set(0);
        fixed (byte* p = info)
            Assert.Equal(0, CodePages.GetCPInfo(page, (Native.CPINFO*)p));
        Assert.Equal(87, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0, CodePages.GetCPInfo(1252, null));
        Assert.Equal(87, LastError.Value);
    }

    [Theory]
    [InlineData(0u, 1252u, 0x3F, "1252  (ANSI - Latin I)")]
    [InlineData(1u, 437u, 0x3F, "437   (OEM - United States)")]
    [InlineData(65001u, 65001u, 0xFFFD, "65001 (UTF-8)")]
    public void GetCPInfoExW_resolves_the_aliases_and_names_the_page(uint page, uint resolved, int unicodeDefault, string name)
    {
        var info = new byte[544];
        fixed (byte* p = info)
        {
            Assert.Equal(1, CodePages.GetCPInfoExW(page, 0, p));
            Assert.Equal(unicodeDefault, *(char*)(p + 18));
            Assert.Equal(resolved, *(uint*)(p + 20));
            Assert.Equal(name, new string((char*)(p + 24)));
        }
        LastError.Set(0);
        fixed (byte* p = info)
            Assert.Equal(0, CodePages.GetCPInfoExW(1200, 0, p));
        Assert.Equal(87, LastError.Value);
    }
}
