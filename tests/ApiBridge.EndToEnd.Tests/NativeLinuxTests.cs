using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>(b) The problem the product solves: the unmodified Windows guest cannot run on Linux.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NativeLinuxTests
{
    [Fact]
    public void UnmodifiedGuest_OnLinux_FailsWithDllNotFoundForKernel32()
    {
        Assert.True(File.Exists(WinTimeGuest.Dll), $"guest not built: {WinTimeGuest.Dll}");

        ProcessResult run = DotNet.Run([WinTimeGuest.Dll], timeout: TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode != 0, $"the unmodified guest should fail on Linux\n{run.Describe()}");
        Assert.Contains("System.DllNotFoundException", run.StdErr);
        Assert.Contains("kernel32", run.StdErr, StringComparison.OrdinalIgnoreCase);
    }
}
