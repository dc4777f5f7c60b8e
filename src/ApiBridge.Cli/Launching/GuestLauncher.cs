using System.Diagnostics;
using ApiBridge.Runtime;

namespace ApiBridge.Cli.Launching;

/// <summary>
/// Starts a rewritten guest with the same standard input, output and error and its exit code passed through, as
/// <c>wine app.exe</c> does for its user. On Linux apibridge replaces itself with the guest (execve): the guest then
/// has apibridge's process id (a parent that started <c>apibridge run</c> waits for the guest itself) and no second
/// process stays around. Elsewhere, or if exec fails, the guest runs as a child and apibridge waits for it.
/// </summary>
internal static class GuestLauncher
{
    /// <summary>The original (not cached) path of the guest: what it sees as its own program path.</summary>
    public const string GuestPathVariable = ApiBridge.Runtime.BridgeVariables.GuestPath;

    /// <summary>The apibridge CLI (its .dll): how a guest's shims start another guest under the bridge (<c>dotnet $APIBRIDGE_CLI run child.exe</c>).</summary>
    public const string CliVariable = ApiBridge.Runtime.BridgeVariables.Cli;

    /// <summary>The dotnet host that started the guest, for the same purpose.</summary>
    public const string DotnetVariable = ApiBridge.Runtime.BridgeVariables.Dotnet;

    /// <summary>Set (to anything): keep apibridge as the guest's parent process instead of exec'ing it.</summary>
    public const string NoExecVariable = "APIBRIDGE_NO_EXEC";

    public static int Run(string rewrittenAssembly, string originalPath, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var dotnet = DotnetHost.Find();
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add(rewrittenAssembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment[GuestPathVariable] = originalPath;
        start.Environment[CliVariable] = typeof(GuestLauncher).Assembly.Location;
        start.Environment[DotnetVariable] = dotnet;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(NoExecVariable) is null)
            ProcessImage.Replace(start); // returns only when exec failed

        // Ctrl+C reaches the guest too (same console); apibridge waits for it to decide and reports its exit code.
        ConsoleCancelEventHandler keepWaiting = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += keepWaiting;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("the guest process did not start");
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= keepWaiting;
        }
    }
}
