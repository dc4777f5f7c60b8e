using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>MultiByteToWideChar and WideCharToMultiByte against Microsoft's documented contracts (sizes, flags, errors).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class CharacterConversionTests
{
    private const uint CP_ACP = 0, CP_UTF8 = 65001;
    private const int ERROR_INSUFFICIENT_BUFFER = 122, ERROR_INVALID_PARAMETER = 87, ERROR_INVALID_FLAGS = 1004, ERROR_NO_UNICODE_TRANSLATION = 1113;

    private static int Err => LastError.Value;

    [Fact]
    public void Utf8_to_utf16_counts_converts_and_includes_the_nul_for_a_negative_length()
    {
        var bytes = Encoding.UTF8.GetBytes("h\u00e9\u20ac\U0001F600\0");
        fixed (byte* source = bytes)
        {
            Assert.Equal(6, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0, source, -1, null, 0)); // h é € 😀(2) NUL
            var chars = new char[6];
            fixed (char* destination = chars)
                Assert.Equal(6, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0, source, -1, destination, 6));
            Assert.Equal("h\u00e9\u20ac\U0001F600\0", new string(chars));

            fixed (char* small = new char[3])
            {
                LastError.Set(0);
                Assert.Equal(0, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0, source, -1, small, 3));
                Assert.Equal(ERROR_INSUFFICIENT_BUFFER, Err);
                Assert.Equal(0, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0, source, 0, small, 3));
                Assert.Equal(ERROR_INVALID_PARAMETER, Err);
                Assert.Equal(0, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0x1 /* MB_PRECOMPOSED */, source, -1, small, 3));
                Assert.Equal(ERROR_INVALID_FLAGS, Err);
                Assert.Equal(0, CharacterConversion.MultiByteToWideChar(4242, 0, source, -1, small, 3));
                Assert.Equal(ERROR_INVALID_PARAMETER, Err);
            }
            // The runtime's own call: CP_ACP with MB_PRECOMPOSED (the bridge's ANSI is UTF-8).
            Assert.Equal(6, CharacterConversion.MultiByteToWideChar(CP_ACP, 0x1, source, -1, null, 0));
        }
    }

    [Fact]
    public void Invalid_utf8_is_replaced_or_refused_with_MB_ERR_INVALID_CHARS()
    {
        byte[] bytes = [0x61, 0xFF, 0x62];
        fixed (byte* source = bytes)
        fixed (char* destination = new char[8])
        {
            Assert.Equal(3, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0, source, 3, destination, 8));
            Assert.Equal("a\uFFFDb", new string(destination, 0, 3));
            LastError.Set(0);
            Assert.Equal(0, CharacterConversion.MultiByteToWideChar(CP_UTF8, 0x8, source, 3, destination, 8));
            Assert.Equal(ERROR_NO_UNICODE_TRANSLATION, Err);
        }
    }

    [Fact]
    public void Utf16_to_utf8_follows_the_utf8_rules_for_flags_default_chars_and_lone_surrogates()
    {
        fixed (char* source = "a\u00e9\uD800b")
        fixed (byte* destination = new byte[16])
        {
            Assert.Equal(7, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0, source, 4, null, 0, null, null));
            Assert.Equal(7, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0, source, 4, destination, 16, null, null));
            Assert.Equal(new byte[] { 0x61, 0xC3, 0xA9, 0xEF, 0xBF, 0xBD, 0x62 }, new ReadOnlySpan<byte>(destination, 7).ToArray());

            LastError.Set(0);
            Assert.Equal(0, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0x80, source, 4, destination, 16, null, null));
            Assert.Equal(ERROR_NO_UNICODE_TRANSLATION, Err);
            int used;
            Assert.Equal(0, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0, source, 4, destination, 16, null, &used));
            Assert.Equal(ERROR_INVALID_PARAMETER, Err);
            Assert.Equal(0, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0x400 /* WC_NO_BEST_FIT_CHARS */, source, 4, destination, 16, null, null));
            Assert.Equal(ERROR_INVALID_FLAGS, Err);
            Assert.Equal(0, CharacterConversion.WideCharToMultiByte(CP_UTF8, 0, source, 4, destination, 2, null, null));
            Assert.Equal(ERROR_INSUFFICIENT_BUFFER, Err);
        }
    }

    [Fact]
    public void A_windows_code_page_uses_the_default_character_and_says_so()
    {
        fixed (char* source = "caf\u00e9 \u20ac \u4e2d")
        fixed (byte* destination = new byte[16])
        {
            int used = -1;
            byte star = (byte)'*';
            // 1252 has é and €, not 中.
            Assert.Equal(7, CharacterConversion.WideCharToMultiByte(1252, 0, source, 7, destination, 16, &star, &used));
            Assert.Equal(0, used);
            Assert.Equal(new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x20 }, new ReadOnlySpan<byte>(destination, 7).ToArray());
            Assert.Equal(8, CharacterConversion.WideCharToMultiByte(1252, 0, source, 8, destination, 16, &star, &used));
            Assert.Equal((byte)'*', destination[7]);
            Assert.Equal(1, used);
            Assert.Equal(8, CharacterConversion.WideCharToMultiByte(1252, 0, source, 8, destination, 16, null, &used));
            Assert.Equal((byte)'?', destination[7]);
            Assert.Equal(1, used);
            LastError.Set(0);
            Assert.Equal(0, CharacterConversion.WideCharToMultiByte(1252, 0x80 /* WC_ERR_INVALID_CHARS: UTF-8 only */, source, 8, destination, 16, null, null));
            Assert.Equal(ERROR_INVALID_FLAGS, Err);
        }
    }
}
