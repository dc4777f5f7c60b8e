using System.CommandLine;
using System.CommandLine.Help;
using ApiBridge.Cli.Commands;
using ApiBridge.Run.Starting;

namespace ApiBridge.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var guestArguments = Array.Empty<string>();
        if (args.Length > 0 && args[0] == "run")
            (args, guestArguments) = RunCommandLine.Split(args);
        else if (args.Length > 0 && args[0] == "diff")
            (args, guestArguments) = RunCommandLine.Split(args, DiffCommand.WithValue);

        var root = new RootCommand(
            "ApiBridge: run .NET apps written against one OS's native API on the other. "
            + "P/Invokes into kernel32/advapi32 (or libc) are rewritten to call managed shims that use the host's services.")
        {
            AnalyzeCommand.Create(),
            RewriteCommand.Create(),
            RunCommand.Create(guestArguments),
            DiffCommand.Create(guestArguments),
            ResolveCommand.Create(),
            RegCommand.Create(),
            CacheCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Action is HelpAction)
            return HelpText.Write(parse);
        if (parse.Errors.Count > 0)
            return UsageErrors.Report(parse);
        return parse.Invoke();
    }
}
