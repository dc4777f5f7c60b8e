using System.Diagnostics;
using System.Runtime.InteropServices;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// Ctrl+C reaching a bridged guest: WinConsoleGuest --wait-for-ctrl-c registers a handler (a delegate, through the
/// callback adapter) that reports the event and declines it. SIGINT sent to the guest's process (on Linux `apibridge run`
/// becomes the guest: same process id) must call the handler with CTRL_C_EVENT, and the default handler must then end
/// the process with STATUS_CONTROL_C_EXIT, whose low byte (0x3A = 58) is what a Linux exit status can carry. Not
/// compared with Wine: Wine started without a terminal gives the guest no console to deliver the event through.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleControlEventTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private const int SIGINT = 2;

    [Fact]
    public void Sigint_calls_the_guest_handler_with_CTRL_C_EVENT_then_the_default_handler_exits_with_STATUS_CONTROL_C_EXIT()
    {
        var start = new ProcessStartInfo(DotNet.Host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ApiBridgeCli.Dll, "run", RepoPaths.GuestDll(WinConsoleGuestTests.Name), "--wait-for-ctrl-c" })
            start.ArgumentList.Add(argument);
        start.Environment["APIBRIDGE_PREFIX"] = RepoPaths.ScratchFolder("winconsoleguest-ctrl-c");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var ready = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
                if (line == "ready")
                    return true;
            }
            return false;
        });
        try
        {
            Assert.True(ready.Wait(TimeSpan.FromMinutes(2)) && ready.Result, "the guest never said ready:\n" + string.Join('\n', lines));
            Assert.Equal(0, kill(process.Id, SIGINT));
            var rest = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "the guest did not end after SIGINT");
            lines.AddRange(rest.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var transcript = string.Join('\n', lines) + "\n" + stderr.Result;
            Assert.Contains("SetConsoleCtrlHandler(add): True", lines);
            Assert.Contains("handler: 0", lines);
            Assert.DoesNotContain("no control event", lines);
            Assert.True(process.ExitCode == (int)(0xC000013Au & 0xFF), $"exit code {process.ExitCode}\n{transcript}");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }
}
