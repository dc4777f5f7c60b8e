namespace ApiBridge.Launcher;

/// <summary>
/// The native <c>apibridge</c>: <c>run</c> of a guest already in the run cache starts the guest from here (no managed
/// CLI, so one .NET runtime start instead of two); everything else — cache misses, other commands, help, errors —
/// is the managed CLI's, which this process becomes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var cli = ManagedCli.Beside();
        if (args.Length > 0 && args[0] == "run" && CacheHitRun.TryStart(args, cli, out var exitCode))
            return exitCode;
        return ManagedCli.Forward(cli, args);
    }
}
