using ApiBridge.Run.Isolation;
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
    public const string IsolateStrict = "--isolate=strict";
    public const string Allow = "--allow";
    public const string AllowNet = "--allow-net";
    public const string Verbose = "--verbose";
    public const string VerboseShort = "-v";

    /// <summary>The options followed by a value (the guest path is the first token that is neither).</summary>
    public static readonly IReadOnlyList<string> WithValue = new[] { Trace, TraceFile, CacheDir, Prefix, Allow };

    public string? TraceSpecification { get; init; }
    public string? TraceFilePath { get; init; }
    public string? CacheDirectory { get; init; }
    public string? PrefixFolder { get; init; }
    public bool IsolateGuest { get; init; }

    /// <summary>--isolate=strict: no start without kernel-enforced containment (implies <see cref="IsolateGuest"/>).</summary>
    public bool IsolateStrictly { get; init; }

    /// <summary>The --allow values as given (PATH or PATH:ro); null when there are none.</summary>
    public string[]? AllowValues { get; init; }

    /// <summary>--allow-net: a contained guest may still bind and connect TCP sockets.</summary>
    public bool AllowNetwork { get; init; }
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
        // "1" even for strict or when isolation came from the variable: the shims read 1, true or yes.
        if (RequestedIsolation != IsolationLevel.Off)
            environment[BridgeVariables.Isolate] = "1";
        return environment;
    }

    /// <summary>
    /// The isolation asked for: the options, else APIBRIDGE_ISOLATE (1, true or yes; strict), which the README gives
    /// as the same switch.
    /// </summary>
    public IsolationLevel RequestedIsolation =>
        IsolateStrictly ? IsolationLevel.Strict
        : IsolateGuest ? IsolationLevel.Isolate
        : Environment.GetEnvironmentVariable(BridgeVariables.Isolate)?.Trim().ToLowerInvariant() switch
        {
            "strict" => IsolationLevel.Strict,
            "1" or "true" or "yes" => IsolationLevel.Isolate,
            _ => IsolationLevel.Off,
        };

    /// <summary>The paths granted with --allow and APIBRIDGE_ALLOW.</summary>
    /// <exception cref="ArgumentException">An entry that is not an existing path.</exception>
    public IReadOnlyList<PathGrant> AllowedGrants() =>
        AllowedPaths.Parse(AllowValues ?? [], Environment.GetEnvironmentVariable(AllowedPaths.Variable));

    /// <summary>The message <c>run -v</c> prints on stderr.</summary>
    public static string CacheReport(string entryAssembly, bool reused) =>
        $"apibridge: {(reused ? "reusing" : "rewrote")} {entryAssembly}";
}
