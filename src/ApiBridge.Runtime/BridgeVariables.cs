namespace ApiBridge.Runtime;

/// <summary>
/// Environment variables that carry the bridge's settings from the CLI to a guest, and from a guest to the guests it
/// starts. One definition for the CLI and every shim family, so they cannot drift apart.
/// </summary>
public static class BridgeVariables
{
    /// <summary>The guest's prefix folder (drives, profile, registry; POSIX root on Windows hosts).</summary>
    public const string Prefix = "APIBRIDGE_PREFIX";

    /// <summary>Set to 1: no host folder outside the prefix is reachable.</summary>
    public const string Isolate = "APIBRIDGE_ISOLATE";

    /// <summary>
    /// The runtimeconfig property (<c>configProperties</c>) with which <c>rewrite --isolate</c> makes an app contained
    /// wherever it is started, as <see cref="Isolate"/> does for one start.
    /// </summary>
    public const string IsolateSwitch = "ApiBridge.Isolate";

    /// <summary>True when this guest is contained: <see cref="Isolate"/> set to 1/true/yes, or the app built with <see cref="IsolateSwitch"/>.</summary>
    public static bool IsolationRequested =>
        System.Environment.GetEnvironmentVariable(Isolate)?.Trim().ToLowerInvariant() is "1" or "true" or "yes"
        || AppContext.TryGetSwitch(IsolateSwitch, out var isolated) && isolated;

    /// <summary>Paths a contained guest may use besides its prefix (<see cref="AllowList"/> gives the form).</summary>
    public const string Allow = "APIBRIDGE_ALLOW";

    /// <summary>The original (not cached) path of the guest: what it sees as its own program path.</summary>
    public const string GuestPath = "APIBRIDGE_GUEST_PATH";

    /// <summary>The apibridge CLI's .dll: how a guest's shims start another guest under the bridge.</summary>
    public const string Cli = "APIBRIDGE_CLI";

    /// <summary>The dotnet host that started the guest, for the same purpose.</summary>
    public const string Dotnet = "APIBRIDGE_DOTNET";

    /// <summary>Relay tracing channels, like WINEDEBUG (<c>+time,+file:CreateFileW</c>).</summary>
    public const string Trace = "APIBRIDGE_TRACE";

    /// <summary>Where the relay trace goes instead of stderr.</summary>
    public const string TraceFile = "APIBRIDGE_TRACE_FILE";

    /// <summary>
    /// Set to 0: the guest keeps the host's view of the managed BCL (System.IO, Path, Environment, platform checks);
    /// only its P/Invokes and Windows-only types are bridged. Part of the run cache's key.
    /// </summary>
    public const string ManagedView = "APIBRIDGE_MANAGED_VIEW";

    /// <summary>True unless <see cref="ManagedView"/> turns the managed view off (0, false, no, off).</summary>
    public static bool ManagedViewEnabled =>
        System.Environment.GetEnvironmentVariable(ManagedView)?.Trim().ToLowerInvariant() is not ("0" or "false" or "no" or "off");

    /// <summary>Set (to anything): <c>apibridge run</c> keeps itself as the guest's parent instead of exec'ing it.</summary>
    public const string NoExec = "APIBRIDGE_NO_EXEC";
}
