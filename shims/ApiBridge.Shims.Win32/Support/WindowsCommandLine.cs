using System.Text;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// Windows command lines: <see cref="Build"/> joins an argv into the single string Windows passes to a process
/// (GetCommandLineW, CreateProcessW's lpCommandLine); <see cref="Parse"/> splits one as CommandLineToArgvW does.
/// <c>Parse(Build(argv))</c> gives <c>argv</c> back for any arguments and any program path without a '"'
/// (Windows paths cannot contain one).
/// </summary>
public static class WindowsCommandLine
{
    /// <summary>
    /// The command line for <paramref name="arguments"/> (program first), written the way Wine 8.0 writes it for a
    /// process it starts: the program always in quotes, taken literally; an argument that is empty or contains a
    /// space or tab in quotes; a '"' escaped as <c>\"</c>; backslashes doubled only where they precede a '"'
    /// (their own or the closing one); otherwise arguments as they are.
    /// </summary>
    public static string Build(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var line = new StringBuilder();
        var first = true;
        foreach (var argument in arguments)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
            if (first)
            {
                line.Append('"').Append(argument).Append('"');
                first = false;
                continue;
            }
            line.Append(' ');
            AppendArgument(line, argument);
        }
        return line.ToString();
    }

    /// <summary>Appends one (non-program) argument quoted as needed, as <see cref="Build"/> does.</summary>
    public static void AppendArgument(StringBuilder line, string argument)
    {
        var hasSpace = argument.Length == 0 || argument.AsSpan().IndexOfAny(' ', '\t') >= 0;
        var hasQuote = argument.Contains('"');
        if (!hasSpace && !hasQuote)
        {
            line.Append(argument);
            return;
        }
        if (hasSpace)
            line.Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
            }
            else
            {
                if (c == '"')
                    line.Append('\\', backslashes + 1); // double the backslashes before it, then escape it
                backslashes = 0;
            }
            line.Append(c);
        }
        if (hasSpace)
            line.Append('\\', backslashes).Append('"'); // backslashes before the closing quote are doubled
    }

    /// <summary>
    /// Splits <paramref name="commandLine"/> as CommandLineToArgvW does. The program (first item) ends at the next
    /// space or tab, or when it starts with '"' at the next '"', with no escapes. Other arguments are separated by
    /// spaces and tabs outside quotes; 2n backslashes before '"' give n backslashes and the quote opens or closes,
    /// 2n+1 give n backslashes and a literal '"'; other backslashes are literal; inside quotes <c>""</c> gives a
    /// literal '"' and ends the quoted part. An empty line gives no items (CommandLineToArgvW would return the
    /// running program's path).
    /// </summary>
    public static IReadOnlyList<string> Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var result = new List<string>();
        if (commandLine.Length == 0)
            return result;

        var s = commandLine;
        var i = 0;
        var current = new StringBuilder();
        if (s[0] == '"')
        {
            i = 1;
            while (i < s.Length && s[i] != '"')
                current.Append(s[i++]);
            if (i < s.Length)
                i++; // the closing quote
        }
        else
        {
            while (i < s.Length && s[i] is not (' ' or '\t'))
                current.Append(s[i++]);
        }
        result.Add(current.ToString());
        current.Clear();

        while (i < s.Length && s[i] is ' ' or '\t')
            i++;
        if (i >= s.Length)
            return result;

        var quotes = 0;      // 1 while inside quotes
        var backslashes = 0; // consecutive backslashes just read (already appended)
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' && quotes == 0)
            {
                result.Add(current.ToString());
                current.Clear();
                backslashes = 0;
                while (i < s.Length && s[i] is ' ' or '\t')
                    i++;
                if (i >= s.Length)
                    return result;
                continue;
            }
            if (c == '\\')
            {
                current.Append('\\');
                backslashes++;
                i++;
                continue;
            }
            if (c == '"')
            {
                if ((backslashes & 1) == 0)
                {
                    current.Length -= backslashes / 2; // 2n backslashes → n, and the quote toggles
                    quotes++;
                }
                else
                {
                    current.Length -= backslashes / 2 + 1; // 2n+1 backslashes → n and a literal quote
                    current.Append('"');
                }
                i++;
                backslashes = 0;
                while (i < s.Length && s[i] == '"')
                {
                    if (++quotes == 3)
                    {
                        current.Append('"');
                        quotes = 0;
                    }
                    i++;
                }
                if (quotes == 2)
                    quotes = 0;
                continue;
            }
            current.Append(c);
            backslashes = 0;
            i++;
        }
        result.Add(current.ToString());
        return result;
    }
}
