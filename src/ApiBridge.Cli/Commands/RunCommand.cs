using System.CommandLine;
using ApiBridge.Cli.Launching;
using ApiBridge.Cli.Reports;
using ApiBridge.Core;
using ApiBridge.Run.Starting;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge run [options] &lt;guest&gt; [guest arguments...]</c>: what <c>wine app.exe</c> does for a user.
/// Everything after the guest goes to the guest untouched, even when it looks like an option
/// (<see cref="RunCommandLine.Split"/> cuts the command line there before System.CommandLine parses the rest).
/// </summary>
internal static class RunCommand
{
    /// <summary>The usage line System.CommandLine generates for this command, and the true one that replaces it in the help.</summary>
    public const string GeneratedUsage = "apibridge run <guest> [<arguments>...] [options]";
    public const string Usage = "apibridge run [options] [--] <guest> [<arguments>...]";

    public static Command Create(IReadOnlyList<string> guestArguments)
    {
        var guest = new Argument<string>("guest") { Description = "The guest's .dll or .exe (its app folder is rewritten into the cache on first start)" };
        var arguments = new Argument<string[]>("arguments") { Description = "Arguments for the guest: everything after <guest> is passed on as it is, even what looks like an option", Arity = ArgumentArity.ZeroOrMore };
        var trace = new Option<string>(RunOptions.Trace)
        {
            Description = "Relay tracing, like WINEDEBUG: +file,+env,+file:CreateFileW,-time:Sleep,+all. "
                + $"Channels: {string.Join(", ", RelayChannels.KnownChannels)} (sets {BridgeVariables.Trace})",
        };
        trace.Validators.Add(result =>
        {
            if (RelayChannels.Validate(result.GetValueOrDefault<string>()) is { } problem)
                result.AddError(problem);
        });
        var traceFile = new Option<string>(RunOptions.TraceFile) { Description = $"Write the trace to this file instead of stderr (sets {BridgeVariables.TraceFile})" };
        var cacheDir = new Option<string>(RunOptions.CacheDir) { Description = $"Cache of rewritten guests (default: ${ApiBridge.Run.Cache.CacheLocation.DirectoryVariable}, else ~/.cache/apibridge)" };
        var verbose = new Option<bool>(RunOptions.Verbose, RunOptions.VerboseShort) { Description = $"Say on stderr whether the cache was used, and which entries a new one evicted (cap: ${ApiBridge.Run.Cache.CacheCap.Variable}, default 2G)" };
        var prefix = new Option<string>(RunOptions.Prefix) { Description = $"The guest's prefix folder: drives, profile, registry (sets {BridgeVariables.Prefix}; default ~/.apibridge). Made when missing; one that cannot be written is refused (exit 2)" };
        var isolate = new Option<bool>(RunOptions.Isolate)
        {
            Description = $"Contain the guest: no guest path leads outside the prefix (sets {BridgeVariables.Isolate}=1), and on Linux a Landlock "
                + "ruleset lets it read only the runtime, its app and the bridge, write only the prefix, and use no TCP. "
                + "Without Landlock in the kernel: a warning, and path checks only",
        };
        var isolateStrict = new Option<bool>(RunOptions.IsolateStrict) { Description = "Like --isolate, but refuse to start the guest (exit 2) when the kernel cannot contain it" };
        var allow = new Option<string[]>(RunOptions.Allow)
        {
            Description = $"With --isolate: let the guest read and write PATH too (read only with PATH:ro); repeatable (also ${ApiBridge.Run.Isolation.AllowedPaths.Variable}, separated by '{Path.PathSeparator}')",
            HelpName = "PATH[:ro]",
            AllowMultipleArgumentsPerToken = false,
        };
        var allowNet = new Option<bool>(RunOptions.AllowNet) { Description = "With --isolate: let the guest bind and connect TCP sockets" };
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
            isolateStrict,
            allow,
            allowNet,
        };
        command.SetAction(result => CliErrors.Guard(() =>
        {
            var options = new RunOptions
            {
                TraceSpecification = result.GetValue(trace),
                TraceFilePath = result.GetValue(traceFile),
                CacheDirectory = result.GetValue(cacheDir),
                PrefixFolder = result.GetValue(prefix),
                IsolateGuest = result.GetValue(isolate) || result.GetValue(isolateStrict),
                IsolateStrictly = result.GetValue(isolateStrict),
                AllowValues = result.GetValue(allow) is { Length: > 0 } allowed ? allowed : null,
                AllowNetwork = result.GetValue(allowNet),
                IsVerbose = result.GetValue(verbose),
            };
            var prefixProblem = PrefixCheck.Problem(options.PrefixFolder);
            if (prefixProblem is not null)
                throw new GuestInputException(prefixProblem);
            RefuseUnusableIsolation(options);
            // Held until the guest ends: on Linux the guest inherits it through exec; elsewhere this process waits for the guest.
            using var entry = CachedGuest.Get(result.GetValue(guest)!, options.CacheDirectory, out var cacheDirectory, out var evicted);
            if (options.IsVerbose)
            {
                Console.Error.WriteLine(RunOptions.CacheReport(entry.AssemblyPath, entry.Reused));
                foreach (var line in CacheReports.Evictions(evicted))
                    Console.Error.WriteLine(line);
            }
            return GuestLauncher.Run(entry.AssemblyPath, entry.OriginalPath, typeof(RunCommand).Assembly.Location,
                guestArguments, options, cacheDirectory);
        }));
        return command;
    }

    /// <summary>
    /// An --allow path that does not exist, or strict isolation the kernel cannot give, is refused before the guest is
    /// rewritten: refused input leaves no cache entry. (The guest's start checks both again, for the native front.)
    /// </summary>
    private static void RefuseUnusableIsolation(RunOptions options)
    {
        if (options.RequestedIsolation == ApiBridge.Run.Isolation.IsolationLevel.Off)
            return; // --allow and APIBRIDGE_ALLOW only matter to a contained guest
        try
        {
            options.AllowedGrants();
        }
        catch (ArgumentException error)
        {
            throw new GuestInputException(error.Message);
        }
        if (options.RequestedIsolation == ApiBridge.Run.Isolation.IsolationLevel.Strict
            && ApiBridge.Run.Isolation.GuestContainment.WhyNoLandlock() is { } missing)
            throw new GuestInputException(ApiBridge.Run.Isolation.GuestContainment.StrictRefusal(missing));
    }
}
