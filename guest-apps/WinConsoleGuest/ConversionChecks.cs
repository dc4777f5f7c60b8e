using static WinConsoleGuest.Native;
using static WinConsoleGuest.Program;

namespace WinConsoleGuest;

/// <summary>
/// MultiByteToWideChar and WideCharToMultiByte: round trips through UTF-8, 1252 and 437, size queries, -1 lengths,
/// short buffers, invalid input with and without the strict flags, default characters and best fit.
/// </summary>
internal static unsafe class ConversionChecks
{
    private const uint MB_PRECOMPOSED = 1, MB_ERR_INVALID_CHARS = 8, WC_NO_BEST_FIT_CHARS = 0x400, WC_ERR_INVALID_CHARS = 0x80, WC_COMPOSITECHECK = 0x200;

    public static void Run(bool wineDiffers)
    {
        byte[] utf8 = [0x68, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0];
        ToWide("UTF-8 -1 query", 65001, 0, utf8, -1, 0);
        ToWide("UTF-8 -1", 65001, 0, utf8, -1, 16);
        ToWide("UTF-8 counted", 65001, 0, utf8, 10, 16);
        ToWide("UTF-8 short buffer", 65001, 0, utf8, -1, 3);
        ToWide("UTF-8 invalid", 65001, 0, [0x61, 0xC3, 0x28, 0xFF, 0x62], 5, 16);
        ToWide("UTF-8 invalid strict", 65001, MB_ERR_INVALID_CHARS, [0x61, 0xC3, 0x28, 0xFF, 0x62], 5, 16);
        ToWide("UTF-8 overlong strict", 65001, MB_ERR_INVALID_CHARS, [0xC0, 0xAF], 2, 16);
        ToWide("UTF-8 truncated at end", 65001, 0, [0x61, 0xE2, 0x82], 3, 16);
        ToWide("UTF-8 zero length", 65001, 0, [0x61], 0, 16);
        ToWide("UTF-8 NULL source", 65001, 0, null, 1, 16);
        ToWide("1252 high half", 1252, 0, [0x80, 0x81, 0x8D, 0x9F, 0xA4, 0xE9, 0xFF], 7, 16);
        ToWide("1252 strict undefined", 1252, MB_ERR_INVALID_CHARS, [0x81], 1, 16);
        ToWide("437 high half", 437, 0, [0x80, 0x9B, 0xB0, 0xDB, 0xE1, 0xFF, 0x01], 7, 16);
        ToWide("CP_ACP", 0, 0, [0x80, 0xE9], 2, 16);
        ToWide("CP_OEMCP", 1, 0, [0x80, 0xE9], 2, 16);
        ToWide("1200", 1200, 0, [0x61, 0x00], 2, 16);
        ToWide("invalid page", 12345, 0, [0x61], 1, 16);
        ToWide("bad flags", 1252, 0x100, [0x61], 1, 16);

        ToBytes("UTF-8 -1 query", 65001, 0, "h\u00e9\u20ac\U0001F600", -1, 0, null, false);
        ToBytes("UTF-8 -1", 65001, 0, "h\u00e9\u20ac\U0001F600", -1, 16, null, false);
        ToBytes("UTF-8 short buffer", 65001, 0, "h\u00e9\u20ac", -1, 4, null, false);
        ToBytes("UTF-8 lone surrogate", 65001, 0, "a\ud800b", 3, 16, null, false);
        ToBytes("UTF-8 lone surrogate strict", 65001, WC_ERR_INVALID_CHARS, "a\ud800b", 3, 16, null, false);
        ToBytes("1252 round trip", 1252, 0, "\u20ac\u00e9\u00ff\u0081", 4, 16, null, true);
        ToBytes("1252 best fit", 1252, 0, "\u0101\u2264\u4e00", 3, 16, null, true);
        ToBytes("1252 no best fit", 1252, WC_NO_BEST_FIT_CHARS, "\u0101\u2264\u4e00", 3, 16, null, true);
        ToBytes("1252 default char", 1252, WC_NO_BEST_FIT_CHARS, "x\u4e00", 2, 16, (byte)'*', true);
        ToBytes("1252 short buffer", 1252, 0, "abc", 3, 2, null, false);
        ToBytes("437 round trip", 437, 0, "\u00c7\u2591\u00df\u03c0", 4, 16, null, true);
        ToBytes("437 no best fit", 437, WC_NO_BEST_FIT_CHARS, "\u20ac\u00e0", 2, 16, null, true);
        ToBytes("CP_ACP", 0, 0, "\u20ac", 1, 16, null, true);
        ToBytes("CP_OEMCP", 1, 0, "\u00c7", 1, 16, null, true);
        ToBytes("zero length", 1252, 0, "a", 0, 16, null, false);
        ToBytes("1252 COMPOSITECHECK", 1252, WC_COMPOSITECHECK, "e\u0301", 2, 16, null, false);
        ToBytes("invalid page", 12345, 0, "a", 1, 16, null, false);

        var bytes = new byte[8];
        var count = WideCharToMultiByteString(1252, 0, "h\u00e9", -1, bytes, 8, IntPtr.Zero, out var used);
        Fact("WideCharToMultiByte(string, 1252)", $"{count} err={Err} used={used} bytes={Convert.ToHexString(bytes, 0, Math.Max(count, 0))}");
        if (wineDiffers)
            DocumentedRefusals();
    }

    /// <summary>What the documentation refuses and Wine 8 accepts (Windows: 1004, 87, 87, 1004, 1004, 87).</summary>
    private static void DocumentedRefusals()
    {
        ToWide("UTF-8 MB_PRECOMPOSED", 65001, MB_PRECOMPOSED, [0x61], 1, 16);
        ToBytes("UTF-8 with lpUsedDefaultChar", 65001, 0, "a", 1, 16, null, true);
        ToBytes("UTF-8 with lpDefaultChar", 65001, 0, "a", 1, 16, (byte)'*', false);
        ToBytes("UTF-8 WC_NO_BEST_FIT_CHARS", 65001, WC_NO_BEST_FIT_CHARS, "a", 1, 16, null, false);
        ToBytes("1252 ERR_INVALID flag", 1252, WC_ERR_INVALID_CHARS, "a", 1, 16, null, false);
        var bytes = new byte[8];
        var count = WideCharToMultiByteString(65001, 0, "h\u00e9", -1, bytes, 8, IntPtr.Zero, out var used);
        Fact("WideCharToMultiByte(string, UTF-8, lpUsedDefaultChar)", $"{count} err={Err} used={used}");
    }

    private static void ToWide(string name, uint page, uint flags, byte[]? source, int cb, int cch)
    {
        var output = new char[Math.Max(cch, 1)];
        int result;
        fixed (byte* s = source)
        fixed (char* o = output)
        {
            Marshal_ClearError();
            result = MultiByteToWideChar(page, flags, s, cb, cch == 0 ? null : o, cch);
        }
        var err = Err;
        var text = cch == 0 || result <= 0 ? "" : " chars=" + string.Join(" ", output.Take(result).Select(c => ((int)c).ToString("X4")));
        Fact($"MultiByteToWideChar({name})", $"{result} err={err}{text}");
    }

    private static void ToBytes(string name, uint page, uint flags, string source, int cch, int cb, byte? defaultChar, bool wantUsed)
    {
        var output = new byte[Math.Max(cb, 1)];
        int used = -1, result;
        var def = defaultChar ?? 0;
        fixed (char* s = source)
        fixed (byte* o = output)
        {
            Marshal_ClearError();
            result = WideCharToMultiByte(page, flags, s, cch, cb == 0 ? null : o, cb, defaultChar is null ? null : &def, wantUsed ? &used : null);
        }
        var err = Err;
        var text = cb == 0 || result <= 0 ? "" : " bytes=" + Convert.ToHexString(output, 0, result);
        Fact($"WideCharToMultiByte({name})", $"{result} err={err}{text}{(wantUsed ? " used=" + used : "")}");
    }

    // A successful conversion leaves the last error as it was: start each case from 0 so the transcript shows that.
    private static void Marshal_ClearError() => System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
}
