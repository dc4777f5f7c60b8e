using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// A Linux guest that forks and execs (tests/Fixtures/ForkExecApp), rewritten and run on this host: the fork+exec
/// rule makes each fork a spawn, so it prints what it prints natively — echo's line, then the status waitpid reports
/// (0 for echo, 127 from its own _exit(127) for a program that does not exist). The guest is not run natively for the
/// reference: a real fork of the .NET runtime is what the bridge avoids, so the native transcript is written out.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ForkExecAppTests
{
    private static string Build => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "ForkExecApp", "bin", RepoPaths.Configuration, RepoPaths.ToolTargetFramework);

    [Fact]
    public void The_rewritten_guest_forks_and_execs_echo_and_waits_for_it()
    {
        var output = Path.Combine(RepoPaths.ScratchFolder("fork-exec-app"), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", Build, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.Contains("fork+exec turned into a spawn: 1 site", rewrite.StdOut);

        var run = DotNet.Run([Path.Combine(output, "ForkExecApp.dll")], timeout: TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["before fork", "hello from echo", "echo: exited with 0", "missing program: exited with 127"],
            run.StdOut.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }
}
