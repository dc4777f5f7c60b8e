using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Text;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetACP, GetOEMCP, IsValidCodePage, GetCPInfo, GetCPInfoExW. The system pages are 1252 and 437, what Wine reports
/// for an English (or C) locale and what an English Windows has. The aliases CP_ACP, CP_OEMCP, CP_MACCP and
/// CP_THREAD_ACP are resolved by GetCPInfo(Ex) but are not valid code pages themselves (IsValidCodePage is FALSE
/// for them on Windows and Wine alike); UTF-16 and UTF-32 are not kernel32 code pages either.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class CodePages
{
    private const int MaxPath = 260;

    /// <summary>UINT GetACP(void)</summary>
    [ShimExport("GetACP")]
    public static uint GetACP() => CodePageTable.Ansi;

    /// <summary>UINT GetOEMCP(void)</summary>
    [ShimExport("GetOEMCP")]
    public static uint GetOEMCP() => CodePageTable.Oem;

    /// <summary>BOOL IsValidCodePage(UINT CodePage) — no last error either way.</summary>
    [ShimExport("IsValidCodePage")]
    public static int IsValidCodePage(uint codePage) =>
        codePage > CodePageTable.CP_THREAD_ACP && CodePageTable.TryGet(codePage, out _) ? 1 : 0;

    /// <summary>BOOL GetCPInfo(UINT CodePage, LPCPINFO lpCPInfo) — ERROR_INVALID_PARAMETER for an unknown page or a NULL pointer.</summary>
    [ShimExport("GetCPInfo")]
    public static int GetCPInfo(uint codePage, CPINFO* info)
    {
        if (info == null || !CodePageTable.TryGet(codePage, out var page))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        WriteCommon(page, (byte*)info);
        return 1;
    }

    /// <summary>
    /// BOOL GetCPInfoExW(UINT CodePage, DWORD dwFlags, LPCPINFOEXW lpCPInfoEx). dwFlags is reserved; Windows and Wine
    /// ignore it, and so does this.
    /// </summary>
    [ShimExport("GetCPInfoExW")]
    public static int GetCPInfoExW(uint codePage, uint flags, byte* info)
    {
        if (info == null || !CodePageTable.TryGet(codePage, out var page))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        WriteCommon(page, info);
        // CPINFOEXW: UnicodeDefaultChar at 18, CodePage at 20, CodePageName[MAX_PATH] at 24 (544 bytes in all).
        *(char*)(info + 18) = page.UnicodeDefaultChar;
        *(uint*)(info + 20) = page.Id;
        var name = page.Name;
        var target = new Span<char>(info + 24, MaxPath);
        target.Clear();
        name.AsSpan(0, Math.Min(name.Length, MaxPath - 1)).CopyTo(target);
        return 1;
    }

    /// <summary>CPINFO: MaxCharSize at 0, DefaultChar[2] at 4, LeadByte[12] at 6 (pairs of inclusive ranges, zero-ended).</summary>
    private static void WriteCommon(CodePage page, byte* info)
    {
        *(uint*)info = page.MaxCharSize;
        info[4] = CodePage.DefaultChar;
        info[5] = 0;
        var lead = new Span<byte>(info + 6, 12);
        lead.Clear();
        var ranges = LeadRanges(page.LeadBytes);
        for (var i = 0; i < ranges.Count && i < 5; i++)   // at most five ranges: the last pair stays the terminator
        {
            lead[2 * i] = ranges[i].First;
            lead[2 * i + 1] = ranges[i].Last;
        }
    }

    private static List<(byte First, byte Last)> LeadRanges(byte[] leads)
    {
        var ranges = new List<(byte, byte)>();
        for (var i = 0; i < leads.Length;)
        {
            var j = i;
            while (j + 1 < leads.Length && leads[j + 1] == leads[j] + 1)
                j++;
            ranges.Add((leads[i], leads[j]));
            i = j + 1;
        }
        return ranges;
    }
}
