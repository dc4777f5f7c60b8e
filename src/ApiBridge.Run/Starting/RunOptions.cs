using ApiBridge.Runtime;

namespace ApiBridge.Run.Starting;

/// <summary>
/// <c>apibridge run</c>'s own options, and what they become for the guest: environment variables its shims read.
/// One definition for the managed CLI and the native launcher, so a guest sees the same whichever started it.
/// </summary>
public sealed record RunOptions
{
    public const string Trace = "--trace";
    public const string TraceFile = "--trace-file";
    public const string CacheDir = "--cache-dir";
    public const string Prefix = "--prefix";
    public const string Isolate = "--isolate";
    public const string Verbose = "--verbose";
    public const string VerboseShort = "-v";

    /// <summary>The options followed by a value (the guest path is the first token that is neither).</summary>
    public static readonly IReadOnlyList<string> WithValue = new[] { Trace, TraceFile, CacheDir, Prefix };

    public string? TraceSpecification { get; init; }
    public string? TraceFilePath { get; init; }
    public string? CacheDirectory { get; init; }
    public string? PrefixFolder { get; init; }
    public bool IsolateGuest { get; init; }
    public bool IsVerbose { get; init; }

    /// <summary>The variables to set for the guest, besides those <see cref="GuestLauncher"/> always sets.</summary>
    public Dictionary<string, string> GuestEnvironment(string usedCacheDirectory)
    {
        var environment = new Dictionary<string, string> { [Cache.CacheLocation.DirectoryVariable] = usedCacheDirectory };
        if (TraceSpecification is { } spec)
            environment[BridgeVariables.Trace] = spec;
        if (TraceFilePath is { } file)
            environment[BridgeVariables.TraceFile] = Path.GetFullPath(file);
        if (PrefixFolder is { } prefix)
            environment[BridgeVariables.Prefix] = Path.GetFullPath(prefix);
        if (IsolateGuest)
            environment[BridgeVariables.Isolate] = "1";
        return environment;
    }

    /// <summary>The message <c>run -v</c> prints on stderr.</summary>
    public static string CacheReport(string entryAssembly, bool reused) =>
        $"apibridge: {(reused ? "reusing" : "rewrote")} {entryAssembly}";
}
