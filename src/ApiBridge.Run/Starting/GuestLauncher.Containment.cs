using System.Diagnostics;
using ApiBridge.Run.Isolation;
using ApiBridge.Runtime;

namespace ApiBridge.Run.Starting;

/// <summary>The guest's containment, put in force on this thread just before it becomes the guest.</summary>
public static partial class GuestLauncher
{
    /// <summary>
    /// Says on stderr what containment the guest gets (a warning when isolation was asked for and the kernel cannot
    /// give it; the containment with -v) and puts it in force. Returns why the guest must not start, else null.
    /// </summary>
    private static string? Contain(RunOptions options, string dotnet, string rewrittenAssembly, string cliAssembly, ProcessStartInfo start)
    {
        var level = options.RequestedIsolation;
        IReadOnlyList<PathGrant> allowed = [];
        if (level != IsolationLevel.Off)
        {
            try
            {
                allowed = options.AllowedGrants();
            }
            catch (ArgumentException error)
            {
                return error.Message;
            }
        }
        // The shims keep drives that lead into these mapped in isolated mode (APIBRIDGE_DRIVES="D=/data" with --allow /data).
        if (allowed.Count > 0)
            start.Environment[BridgeVariables.Allow] = AllowedPaths.Format(allowed);
        var containment = GuestContainment.Prepare(level, new GuestFiles(dotnet, rewrittenAssembly, cliAssembly, start.Environment, allowed),
            options.AllowNetwork);
        if (containment.Refusal is { } refusal)
            return refusal;
        if (containment.Warning is { } warning)
            Console.Error.WriteLine($"apibridge: {warning}");
        if (options.IsVerbose)
            Console.Error.WriteLine($"apibridge: containment: {containment.Description}");
        // From here on this thread, and the guest it becomes, cannot leave what the ruleset grants.
        if (containment.Enforce() is not { } failure)
            return null;
        if (level == IsolationLevel.Strict)
            return GuestContainment.StrictRefusal(failure);
        Console.Error.WriteLine($"apibridge: warning: --isolate: {failure}: the guest gets the bridge's path checks only");
        return null;
    }
}
