namespace ApiBridge.Run.Starting;

/// <summary>
/// <c>apibridge run [options] &lt;guest&gt; [guest arguments...]</c>: everything after the guest goes to the guest
/// untouched, even when it looks like an option.
/// </summary>
public static class RunCommandLine
{
    /// <summary>
    /// Splits <c>run</c>'s command line at the guest: what comes before is apibridge's (still to be parsed), what comes
    /// after is the guest's.
    /// </summary>
    public static (string[] Own, string[] Guest) Split(string[] args) => Split(args, RunOptions.WithValue);

    /// <summary>The same for another verb that ends with a guest and its arguments (<c>diff</c>), given its options that take a value.</summary>
    public static (string[] Own, string[] Guest) Split(string[] args, IReadOnlyCollection<string> optionsWithValue)
    {
        var index = 1; // args[0] is the verb
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
            index += optionsWithValue.Contains(token) ? 2 : 1;
        }
        if (index >= args.Length)
            return (args, Array.Empty<string>());
        return (args[..(index + 1)].Where(a => a != "--").ToArray(), args[(index + 1)..]);
    }

    /// <summary>
    /// Parses the plain forms of <c>run</c>'s options (<c>--trace SPEC</c>, <c>--isolate</c> …) for the native launcher.
    /// Returns false for anything else (help, <c>--trace=SPEC</c>, a trace specification that is not valid, an unknown
    /// option, no guest): the managed CLI then parses the command line and reports errors in one place.
    /// </summary>
    public static bool TryParse(string[] args, out RunOptions options, out string guest, out string[] guestArguments)
    {
        var (own, rest) = Split(args);
        options = new RunOptions();
        guest = string.Empty;
        guestArguments = rest;
        for (var index = 1; index < own.Length; index++)
        {
            var token = own[index];
            var hasValue = index + 1 < own.Length;
            switch (token)
            {
                case RunOptions.Isolate: options = options with { IsolateGuest = true }; break;
                case RunOptions.IsolateStrict: options = options with { IsolateGuest = true, IsolateStrictly = true }; break;
                case RunOptions.AllowNet: options = options with { AllowNetwork = true }; break;
                case RunOptions.Allow when hasValue: options = options with { AllowValues = [.. options.AllowValues ?? [], own[++index]] }; break;
                case RunOptions.Verbose or RunOptions.VerboseShort: options = options with { IsVerbose = true }; break;
                case RunOptions.Trace when hasValue && Runtime.Tracing.RelayChannels.Validate(own[index + 1]) is null: options = options with { TraceSpecification = own[++index] }; break;
                case RunOptions.TraceFile when hasValue: options = options with { TraceFilePath = own[++index] }; break;
                case RunOptions.CacheDir when hasValue: options = options with { CacheDirectory = own[++index] }; break;
                case RunOptions.Prefix when hasValue: options = options with { PrefixFolder = own[++index] }; break;
                default:
                    if (token.StartsWith('-') || index != own.Length - 1)
                        return false;
                    guest = token;
                    break;
            }
        }
        return guest.Length > 0;
    }
}
