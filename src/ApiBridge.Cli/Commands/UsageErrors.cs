using System.CommandLine;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// A command line the CLI cannot parse (unknown command or option, missing argument, a value its validator refuses):
/// each problem on its own "apibridge: " line on stderr, where to find the usage, and exit 2, the code the README
/// gives usage errors. Exit 1 stays for internal errors.
/// </summary>
internal static class UsageErrors
{
    public static int Report(ParseResult parse)
    {
        foreach (var error in parse.Errors)
            Console.Error.WriteLine($"apibridge: {error.Message}");
        var command = string.Join(' ', CommandPath(parse.CommandResult.Command));
        Console.Error.WriteLine($"Run '{command} --help' for usage.");
        return CliErrors.BadInput;
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
            names.Add(current is RootCommand ? "apibridge" : current.Name);
        names.Reverse();
        return names;
    }
}
