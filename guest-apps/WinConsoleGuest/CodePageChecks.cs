using static WinConsoleGuest.Native;
using static WinConsoleGuest.Program;

namespace WinConsoleGuest;

/// <summary>GetACP, GetOEMCP, IsValidCodePage, GetCPInfo and GetCPInfoExW.</summary>
internal static unsafe class CodePageChecks
{
    private static readonly uint[] Pages = [0, 1, 2, 3, 437, 850, 1252, 65001, 65000, 1200, 1201, 12000, 20127, 28591, 12345];

    public static void Run(bool wineDiffers)
    {
        Fact("GetACP", GetACP());
        Fact("GetOEMCP", GetOEMCP());
        foreach (var page in Pages)
            Fact($"IsValidCodePage({page})", IsValidCodePage(page));
        foreach (var page in Pages)
        {
            if (GetCPInfo(page, out var info))
                Fact($"GetCPInfo({page})", $"max={info.MaxCharSize} default={info.DefaultChar[0]:X2}{info.DefaultChar[1]:X2} lead={LeadBytes(info.LeadByte)}");
            else
                Fact($"GetCPInfo({page})", $"False err={Err}");
        }
        foreach (var page in new uint[] { 0, 1, 437, 1252, 65001, 1200, 12345 })
        {
            if (GetCPInfoExW(page, 0, out var ex))
                Fact($"GetCPInfoExW({page})", $"page={ex.CodePage} max={ex.MaxCharSize} unicodeDefault={(int)ex.UnicodeDefaultChar:X4}{(page == 65001 || wineDiffers ? " name=" + ex.CodePageName : "")}");
            else
                Fact($"GetCPInfoExW({page})", $"False err={Err}");
        }
        Fact("GetCPInfoExW(65001, flags 1)", $"{GetCPInfoExW(65001, 1, out _)} err={Err}");
    }

    private static string LeadBytes(byte* lead)
    {
        var ranges = new List<string>();
        for (var i = 0; i < 12 && lead[i] != 0; i += 2)
            ranges.Add($"{lead[i]:X2}-{lead[i + 1]:X2}");
        return ranges.Count == 0 ? "none" : string.Join(",", ranges);
    }
}
