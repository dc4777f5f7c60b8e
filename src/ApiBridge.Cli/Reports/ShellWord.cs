namespace ApiBridge.Cli.Reports;

/// <summary>Quotes a path for the command lines the CLI suggests, so a hint can be pasted into a shell as it is.</summary>
internal static class ShellWord
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(IsPlain))
            return word;
        if (OperatingSystem.IsWindows())
            return "\"" + word.Replace("\"", "\\\"") + "\""; // cmd and PowerShell both take double quotes
        return "'" + word.Replace("'", "'\\''") + "'";
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "/\\._-+=:,@%".Contains(c);
}
