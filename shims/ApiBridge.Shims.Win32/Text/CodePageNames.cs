namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// GetCPInfoExW's CodePageName: Windows' own wording ("1252  (ANSI - Latin I)": the number padded to six columns,
/// then the description) for the pages guests meet; other pages get the runtime's name for them in the same shape.
/// Wine words most of these differently ("ANSI Latin 1"); only UTF-8's name is the same on both.
/// </summary>
internal static class CodePageNames
{
    private static readonly Dictionary<uint, string> Windows = new()
    {
        [437] = "OEM - United States",
        [850] = "OEM - Multilingual Latin I",
        [852] = "OEM - Latin II",
        [866] = "OEM - Russian",
        [932] = "ANSI/OEM - Japanese Shift-JIS",
        [936] = "ANSI/OEM - Simplified Chinese GBK",
        [949] = "ANSI/OEM - Korean",
        [950] = "ANSI/OEM - Traditional Chinese Big5",
        [1250] = "ANSI - Central Europe",
        [1251] = "ANSI - Cyrillic",
        [1252] = "ANSI - Latin I",
        [1253] = "ANSI - Greek",
        [1254] = "ANSI - Turkish",
        [1255] = "ANSI - Hebrew",
        [1256] = "ANSI - Arabic",
        [1257] = "ANSI - Baltic",
        [1258] = "ANSI/OEM - Viet Nam",
        [10000] = "MAC - Roman",
        [20127] = "US-ASCII",
        [28591] = "ISO 8859-1 Latin I",
        [65000] = "UTF-7",
        [65001] = "UTF-8",
    };

    public static string Of(CodePage page)
    {
        var description = Windows.TryGetValue(page.Id, out var known) ? known : page.BestFit.EncodingName;
        return page.Id.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(6) + "(" + description + ")";
    }
}
