using System.CommandLine;
using ApiBridge.Cli.Launching;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;
using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge run [options] &lt;guest&gt; [guest arguments...]</c>: what <c>wine app.exe</c> does for a user.
/// Everything after the guest goes to the guest untouched, even when it looks like an option.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] OptionsWithValue = { "--trace", "--trace-file", "--cache-dir", "--prefix" };

    /// <summary>Where the guest's drives, registry and profile live (like a Wine prefix).</summary>
    public const string PrefixVariable = ApiBridge.Runtime.BridgeVariables.Prefix;

    /// <summary>Set to 1: the guest sees nothing of the host outside its prefix.</summary>
    public const string IsolateVariable = ApiBridge.Runtime.BridgeVariables.Isolate;

    public static Command Create(IReadOnlyList<string> guestArguments)
    {
        var guest = new Argument<string>("guest") { Description = "The guest's .dll or .exe (its app folder is rewritten into the cache on first start)" };
        var arguments = new Argument<string[]>("arguments") { Description = "Arguments for the guest, passed as they are", Arity = ArgumentArity.ZeroOrMore };
        var trace = new Option<string>("--trace") { Description = "Relay tracing channels, like WINEDEBUG: +time,+env,+file:CreateFileW,-time:Sleep, +all (sets APIBRIDGE_TRACE)" };
        var traceFile = new Option<string>("--trace-file") { Description = "Write the trace to this file instead of stderr (sets APIBRIDGE_TRACE_FILE)" };
        var cacheDir = new Option<string>("--cache-dir") { Description = $"Cache of rewritten guests (default: ${RewriteCache.DirectoryVariable}, else ~/.cache/apibridge)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Say on stderr whether the cache was used" };
        var prefix = new Option<string>("--prefix") { Description = $"The guest's prefix folder: drives, profile, registry (sets {PrefixVariable}; default ~/.apibridge)" };
        var isolate = new Option<bool>("--isolate") { Description = $"Map no host folder outside the prefix; no guest path escapes it (sets {IsolateVariable}=1)" };
        var command = new Command("run", "Rewrite a guest into the cache (reused while it is unchanged) and run it; stdin, stdout, stderr and the exit code pass through")
        {
            guest,
            arguments,
            trace,
            traceFile,
            cacheDir,
            verbose,
            prefix,
            isolate,
        };
        command.SetAction(result => CliErrors.Guard(() =>
        {
            var entry = CachedGuest.Get(result.GetValue(guest)!, result.GetValue(cacheDir), out var cacheDirectory);
            if (result.GetValue(verbose))
                Console.Error.WriteLine($"apibridge: {(entry.Reused ? "reusing" : "rewrote")} {entry.AssemblyPath}");
            var environment = new Dictionary<string, string> { [RewriteCache.DirectoryVariable] = cacheDirectory };
            if (result.GetValue(trace) is { } spec)
                environment[Relay.SpecificationVariable] = spec;
            if (result.GetValue(traceFile) is { } file)
                environment[Relay.FileVariable] = Path.GetFullPath(file);
            if (result.GetValue(prefix) is { } prefixFolder)
                environment[PrefixVariable] = Path.GetFullPath(prefixFolder);
            if (result.GetValue(isolate))
                environment[IsolateVariable] = "1";
            return GuestLauncher.Run(entry.AssemblyPath, entry.OriginalPath, guestArguments, environment);
        }));
        return command;
    }

    /// <summary>
    /// Splits <c>run</c>'s command line at the guest: what comes before is apibridge's, what comes after is the guest's.
    /// </summary>
    public static (string[] Own, string[] Guest) SplitArguments(string[] args)
    {
        var index = 1; // args[0] is "run"
        while (index < args.Length)
        {
            var token = args[index];
            if (token == "--")
            {
                index++;
                break;
            }
            if (!token.StartsWith('-') || token == "-")
                break;
            index += OptionsWithValue.Contains(token) ? 2 : 1;
        }
        if (index >= args.Length)
            return (args, Array.Empty<string>());
        return (args[..(index + 1)].Where(a => a != "--").ToArray(), args[(index + 1)..]);
    }
}
