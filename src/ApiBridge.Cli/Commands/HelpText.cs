using System.CommandLine;
using ApiBridge.Run.Starting;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// System.CommandLine's help, with one correction: its usage line for <c>run</c> and <c>diff</c> puts [options] after the guest's
/// arguments, where they would be the guest's (everything after the guest path is passed on untouched).
/// </summary>
internal static class HelpText
{
    public static int Write(ParseResult parse)
    {
        var buffer = new StringWriter();
        var exitCode = parse.Invoke(new InvocationConfiguration { Output = buffer, Error = Console.Error });
        var text = buffer.ToString();
        if (parse.CommandResult.Command.Name == "run")
            text = text.Replace(RunCommand.GeneratedUsage, RunCommand.Usage, StringComparison.Ordinal);
        else if (parse.CommandResult.Command.Name == "diff")
            text = text.Replace(DiffCommand.GeneratedUsage, DiffCommand.Usage, StringComparison.Ordinal);
        Console.Out.Write(text);
        return exitCode;
    }
}
