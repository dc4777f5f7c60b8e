using System.Text;

namespace ApiBridge.Shims.Win32.Text;

/// <summary>
/// A console character attribute (FOREGROUND_BLUE 1, _GREEN 2, _RED 4, _INTENSITY 8; the BACKGROUND_ bits the same
/// four bits higher; COMMON_LVB_REVERSE_VIDEO, COMMON_LVB_UNDERSCORE) as the ANSI SGR sequence a terminal understands.
/// Windows numbers its colours blue-green-red, ANSI red-green-blue, so the three bits are swapped; intensity selects
/// the bright colours (90–97, 100–107). The sequence starts with a reset so that it sets exactly this attribute, as
/// SetConsoleTextAttribute replaces the attribute rather than adding to it.
/// </summary>
internal static class ConsoleColors
{
    public const ushort FOREGROUND_INTENSITY = 0x8, BACKGROUND_INTENSITY = 0x80, COMMON_LVB_REVERSE_VIDEO = 0x4000, COMMON_LVB_UNDERSCORE = 0x8000;

    public static string Sgr(ushort attributes)
    {
        var sequence = new StringBuilder("\u001b[0;");
        var foreground = AnsiColor(attributes);
        var background = AnsiColor(attributes >> 4);
        sequence.Append((attributes & FOREGROUND_INTENSITY) != 0 ? 90 + foreground : 30 + foreground);
        sequence.Append(';');
        sequence.Append((attributes & BACKGROUND_INTENSITY) != 0 ? 100 + background : 40 + background);
        if ((attributes & COMMON_LVB_UNDERSCORE) != 0)
            sequence.Append(";4");
        if ((attributes & COMMON_LVB_REVERSE_VIDEO) != 0)
            sequence.Append(";7");
        return sequence.Append('m').ToString();
    }

    /// <summary>Windows' blue (bit 0), green (bit 1), red (bit 2) as ANSI's red (1), green (2), blue (4).</summary>
    private static int AnsiColor(int bits) => ((bits & 4) != 0 ? 1 : 0) | ((bits & 2) != 0 ? 2 : 0) | ((bits & 1) != 0 ? 4 : 0);
}
