using System.Diagnostics;
using ApiBridge.Runtime;

namespace ApiBridge.Run.Starting;

/// <summary>
/// Starts a rewritten guest with the same standard input, output and error and its exit code passed through, as
/// <c>wine app.exe</c> does for its user. On Linux apibridge replaces itself with the guest (execve): the guest then
/// has apibridge's process id (a parent that started <c>apibridge run</c> waits for the guest itself) and no second
/// process stays around. Elsewhere, or if exec fails, the guest runs as a child and apibridge waits for it.
/// </summary>
public static partial class GuestLauncher
{
    /// <summary>What <see cref="Run"/> returns when the guest may not start: the exit code of input apibridge refuses.</summary>
    public const int Refused = 2;

    /// <param name="rewrittenAssembly">The cached, rewritten entry assembly to start.</param>
    /// <param name="originalPath">The guest the user named: what it sees as its own program path.</param>
    /// <param name="cliAssembly">The managed CLI's apibridge.dll: how a guest's shims start another guest under the bridge.</param>
    /// <param name="options">run's options: what the guest's environment carries, and its containment.</param>
    /// <param name="cacheDirectory">The run cache in use, passed on so the guests it starts share it.</param>
    public static int Run(string rewrittenAssembly, string originalPath, string cliAssembly, IReadOnlyList<string> arguments,
        RunOptions options, string cacheDirectory)
    {
        var dotnet = DotnetHost.Find();
        var environment = options.GuestEnvironment(cacheDirectory);
        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false };
        start.ArgumentList.Add(rewrittenAssembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment[BridgeVariables.GuestPath] = originalPath;
        start.Environment[BridgeVariables.Cli] = cliAssembly;
        start.Environment[BridgeVariables.Dotnet] = dotnet;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        if (Contain(options, dotnet, rewrittenAssembly, cliAssembly, start) is { } refusal)
        {
            Console.Error.WriteLine($"apibridge: {refusal}");
            return Refused;
        }
        return Start(start);
    }

    /// <summary>Runs <paramref name="start"/> in this process's place (exec) where it can, else as a waited-for child.</summary>
    public static int Start(ProcessStartInfo start)
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(BridgeVariables.NoExec) is null)
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
