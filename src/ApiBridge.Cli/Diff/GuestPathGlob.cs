using System.Text;
using System.Text.RegularExpressions;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// <c>--ignore</c>'s globs over the guest paths a report shows: <c>**</c> any run of folders, <c>*</c> any run of
/// characters within one name, <c>?</c> one character; both separators match either, and letters match in any case
/// (as Windows paths do; a Linux guest's paths rarely differ only in case).
/// </summary>
internal static class GuestPathGlob
{
    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else if (c == '*')
                pattern.Append(@"[^\\/]*");
            else if (c == '?')
                pattern.Append(@"[^\\/]");
            else if (c is '\\' or '/')
                pattern.Append(@"[\\/]");
            else
                pattern.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
